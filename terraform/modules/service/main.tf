# One Switchboard part on ECS Fargate: the project's image run as `gateway` or `processor`, its logs in CloudWatch,
# its settings as SWITCHBOARD_* environment variables and its secrets from Secrets Manager.

locals {
  # Defaults each part needs in a container; var.environment wins over them.
  component_environment = {
    gateway = {
      SWITCHBOARD_GATEWAY_HOST = "0.0.0.0"
      SWITCHBOARD_GATEWAY_PORT = tostring(var.container_port)
    }
    processor = {
      SWITCHBOARD_PROCESSOR_HTTP_HOST = "0.0.0.0"
      SWITCHBOARD_PROCESSOR_HTTP_PORT = tostring(var.container_port)
    }
  }
  environment = merge(
    { JAVA_TOOL_OPTIONS = "-XX:MaxRAMPercentage=75" }, # the rest for direct buffers, threads and the OS
    local.component_environment[var.component],
    var.environment,
  )

  # ECS sends SIGTERM, waits stopTimeout, then SIGKILL: give the graceful stop its grace and 10 s more.
  stop_timeout_seconds = ceil(var.shutdown_grace_ms / 1000) + 10

  # The image is eclipse-temurin's JRE (Ubuntu): bash is there, curl is not. Liveness, not readiness: a gateway is
  # not ready while Kafka is unreachable and keeps its sockets meanwhile, so ECS must not replace it for that.
  health_check_command = join(" && ", [
    "exec 3<>/dev/tcp/127.0.0.1/${var.container_port}",
    "printf 'GET /health/live HTTP/1.0\\r\\n\\r\\n' >&3",
    "head -n 1 <&3 | grep -q ' 200 '",
  ])

  app_container = {
    name      = var.component
    image     = var.image
    command   = [var.component]
    essential = true
    portMappings = [{
      containerPort = var.container_port
      protocol      = "tcp"
    }]
    environment = [for k in sort(keys(local.environment)) : { name = k, value = local.environment[k] }]
    secrets     = [for k in sort(keys(var.secret_arns)) : { name = k, valueFrom = var.secret_arns[k] }]
    stopTimeout = local.stop_timeout_seconds
    ulimits = [{
      name      = "nofile"
      softLimit = var.open_files_limit
      hardLimit = var.open_files_limit
    }]
    healthCheck = {
      command     = ["CMD", "bash", "-c", local.health_check_command]
      interval    = 15
      timeout     = 5
      retries     = 3
      startPeriod = var.health_check_start_period_seconds
    }
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.this.name
        awslogs-region        = data.aws_region.current.name
        awslogs-stream-prefix = var.component
      }
    }
  }

  containers = concat([local.app_container], var.connections_scaling == null ? [] : [local.metrics_agent_container])
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/ecs/${var.name}"
  retention_in_days = var.log_retention_days
  tags              = var.tags
}

resource "aws_ecs_task_definition" "this" {
  family                   = var.name
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.cpu
  memory                   = var.memory
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn
  container_definitions    = jsonencode(local.containers)

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture
  }

  ephemeral_storage {
    size_in_gib = var.ephemeral_storage_gib
  }

  tags = var.tags
}

resource "aws_ecs_service" "this" {
  name                               = var.name
  cluster                            = var.cluster_arn
  task_definition                    = aws_ecs_task_definition.this.arn
  desired_count                      = var.desired_count
  launch_type                        = "FARGATE"
  deployment_minimum_healthy_percent = 100 # start the new task before stopping an old one
  deployment_maximum_percent         = 200
  health_check_grace_period_seconds  = var.load_balancer == null ? null : var.health_check_start_period_seconds
  enable_ecs_managed_tags            = true
  propagate_tags                     = "SERVICE"

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = var.subnet_ids
    security_groups  = [aws_security_group.tasks.id]
    assign_public_ip = false
  }

  dynamic "load_balancer" {
    for_each = var.load_balancer == null ? [] : [var.load_balancer]
    content {
      target_group_arn = load_balancer.value.target_group_arn
      container_name   = var.component
      container_port   = var.container_port
    }
  }

  tags = var.tags

  lifecycle {
    ignore_changes = [desired_count] # autoscaling owns it after the first deployment
  }
}
