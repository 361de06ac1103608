output "service_name" {
  description = "The ECS service's name."
  value       = aws_ecs_service.this.name
}

output "task_definition_arn" {
  description = "The task definition the service runs."
  value       = aws_ecs_task_definition.this.arn
}

output "security_group_id" {
  description = "The tasks' security group."
  value       = aws_security_group.tasks.id
}

output "task_role_arn" {
  description = "The role the process runs as (its Kafka permissions)."
  value       = aws_iam_role.task.arn
}

output "execution_role_arn" {
  description = "The role ECS starts the task with (image pull, logs, secrets)."
  value       = aws_iam_role.execution.arn
}

output "log_group_name" {
  description = "CloudWatch log group of the containers."
  value       = aws_cloudwatch_log_group.this.name
}

output "stop_timeout_seconds" {
  description = "Seconds ECS waits after SIGTERM before SIGKILL (shutdown_grace_ms + 10 s)."
  value       = local.stop_timeout_seconds
}
