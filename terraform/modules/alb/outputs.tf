output "wss_url" {
  description = "The URL WebSocket clients connect to."
  value       = "wss://${coalesce(var.domain_name, aws_lb.this.dns_name)}/ws"
}

output "dns_name" {
  description = "The load balancer's own DNS name (point domain_name at it when DNS is managed elsewhere)."
  value       = aws_lb.this.dns_name
}

output "zone_id" {
  description = "The load balancer's hosted zone id, for alias records."
  value       = aws_lb.this.zone_id
}

output "security_group_id" {
  description = "The load balancer's security group: the gateways' module lets it in on their port, and only it."
  value       = aws_security_group.alb.id
}

output "target_group_arn" {
  description = "The gateways' target group: the ECS service registers its tasks in it."
  value       = aws_lb_target_group.gateways.arn
  # Only once the listener forwards to it: ECS refuses a target group that no load balancer uses yet.
  depends_on = [aws_lb_listener.https]
}

output "listener_arn" {
  description = "The HTTPS listener (the ECS service depends on it, so the target group is attached before tasks register)."
  value       = aws_lb_listener.https.arn
}

output "arn_suffix" {
  description = "The load balancer's ARN suffix (the LoadBalancer dimension of its CloudWatch metrics)."
  value       = aws_lb.this.arn_suffix
}

output "target_group_arn_suffix" {
  description = "The target group's ARN suffix (the TargetGroup dimension of its CloudWatch metrics)."
  value       = aws_lb_target_group.gateways.arn_suffix
}
