variable "name" {
  description = "Name of the ECS service, its task family, roles, security group and log group (e.g. switchboard-staging-gateway)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,50}$", var.name))
    error_message = "name must be 2-51 characters: lowercase letters, digits and '-', starting with a letter."
  }
}

variable "component" {
  description = "Which Switchboard part the task runs: gateway or processor (the image's command)."
  type        = string

  validation {
    condition     = contains(["gateway", "processor"], var.component)
    error_message = "component must be gateway or processor."
  }
}

variable "cluster_arn" {
  description = "ECS cluster the service runs in."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:ecs:[a-z0-9-]+:[0-9]{12}:cluster/.+$", var.cluster_arn))
    error_message = "cluster_arn must be an ECS cluster ARN."
  }
}

variable "cluster_name" {
  description = "Name of that cluster (part of the autoscaling resource id)."
  type        = string
}

variable "vpc_id" {
  description = "VPC of the tasks' security group."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets of the tasks (outbound through NAT: ECR, CloudWatch Logs, Secrets Manager)."
  type        = list(string)
}

variable "image" {
  description = "Image to run, <repository url>:<tag> (the project's Dockerfile; one image for both parts)."
  type        = string

  validation {
    condition     = can(regex("^[^\\s:]+(:[0-9]+)?/[^\\s]+:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", var.image)) || can(regex("^[^\\s]+@sha256:[0-9a-f]{64}$", var.image))
    error_message = "image must name a registry repository and a tag (<repository url>:<tag>) or a digest (@sha256:...)."
  }
}

variable "ecr_repository_arn" {
  description = "ECR repository of image: the execution role may pull from it and no other."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:ecr:[a-z0-9-]+:[0-9]{12}:repository/.+$", var.ecr_repository_arn))
    error_message = "ecr_repository_arn must be an ECR repository ARN."
  }
}

variable "cpu_architecture" {
  description = "CPU architecture of the tasks: X86_64 or ARM64 (the image must be built for it)."
  type        = string
  default     = "X86_64"

  validation {
    condition     = contains(["X86_64", "ARM64"], var.cpu_architecture)
    error_message = "cpu_architecture must be X86_64 or ARM64."
  }
}

variable "cpu" {
  description = "Task CPU units (1024 = one vCPU): 256, 512, 1024, 2048, 4096, 8192 or 16384."
  type        = number

  validation {
    condition     = contains([256, 512, 1024, 2048, 4096, 8192, 16384], var.cpu)
    error_message = "cpu must be a Fargate size: 256, 512, 1024, 2048, 4096, 8192 or 16384."
  }
}

variable "memory" {
  description = "Task memory, MiB (Fargate allows 2-8 GiB per vCPU). The JVM takes 75 % of it (JAVA_TOOL_OPTIONS)."
  type        = number

  validation {
    condition     = var.memory >= 512 && var.memory <= 122880
    error_message = "memory must be between 512 and 122880 MiB."
  }

  validation {
    condition     = var.memory >= var.cpu / 2 && var.memory <= var.cpu * 8
    error_message = "memory must be between half and eight times cpu (in MiB per CPU unit: Fargate's 0.5-8 GiB per vCPU band, checked loosely)."
  }
}

variable "container_port" {
  description = "Port of the container's HTTP endpoints: the gateway's WebSocket, /metrics and /health/* (gateway.port), or the processor's /metrics and /health/* (processor.http.port)."
  type        = number

  validation {
    condition     = var.container_port >= 1024 && var.container_port <= 65535
    error_message = "container_port must be between 1024 and 65535 (the image runs as an unprivileged user)."
  }
}

variable "environment" {
  description = "Environment of the container: SWITCHBOARD_* settings (see the README's configuration tables) and JAVA_TOOL_OPTIONS. Never secrets: those go in secret_arns."
  type        = map(string)
  default     = {}

  validation {
    condition = alltrue([
      for k, v in var.environment :
      !can(regex("(?i)(SECRET|PASSWORD|CREDENTIAL)", k)) && !can(regex("(?i)password\\s*=", v))
    ])
    error_message = "environment must not carry secrets (a name with SECRET, PASSWORD or CREDENTIAL, or a value with password=): store them in Secrets Manager and pass their ARNs in secret_arns."
  }
}

variable "secret_arns" {
  description = "Environment variables whose values ECS reads from Secrets Manager at start: name → secret ARN. The execution role may read these secrets and no other."
  type        = map(string)
  default     = {}

  validation {
    condition     = alltrue([for arn in values(var.secret_arns) : can(regex("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6}$", arn))])
    error_message = "secret_arns values must be full Secrets Manager secret ARNs (arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 characters>), never secret values."
  }
}

variable "secrets_kms_key_arns" {
  description = "Customer-managed KMS keys that encrypt the secrets (empty when they use the AWS-managed key aws/secretsmanager)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for arn in var.secrets_kms_key_arns : can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", arn))])
    error_message = "secrets_kms_key_arns must be KMS key ARNs (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

variable "shutdown_grace_ms" {
  description = "The longest the process needs after SIGTERM to stop gracefully: the gateway's gateway.drain.grace-ms, or the time the processor needs to commit and close Kafka Streams. ECS waits 10 s more (stopTimeout) before SIGKILL."
  type        = number

  validation {
    condition     = var.shutdown_grace_ms > 0 && ceil(var.shutdown_grace_ms / 1000) + 10 <= 120
    error_message = "shutdown_grace_ms must be positive and at most 110000: Fargate's stopTimeout is at most 120 s, and it is set 10 s above this grace."
  }
}

variable "health_check_start_period_seconds" {
  description = "Seconds after start during which failed container health checks (GET /health/live) do not count."
  type        = number
  default     = 60

  validation {
    condition     = var.health_check_start_period_seconds >= 0 && var.health_check_start_period_seconds <= 300
    error_message = "health_check_start_period_seconds must be between 0 and 300 (ECS's range)."
  }
}

variable "open_files_limit" {
  description = "nofile limit of the container: each WebSocket holds one file descriptor (gateway.limits.connections.max is 50000 by default)."
  type        = number
  default     = 65535

  validation {
    condition     = var.open_files_limit >= 1024 && var.open_files_limit <= 1048576
    error_message = "open_files_limit must be between 1024 and 1048576 (Fargate's most)."
  }
}

variable "ephemeral_storage_gib" {
  description = "Task storage, GiB (21-200): the processor keeps its Kafka Streams state (RocksDB) there and rebuilds it from changelog topics on a new task."
  type        = number
  default     = 21

  validation {
    condition     = var.ephemeral_storage_gib >= 21 && var.ephemeral_storage_gib <= 200
    error_message = "ephemeral_storage_gib must be between 21 and 200."
  }
}

variable "log_retention_days" {
  description = "Days the container logs are kept in CloudWatch Logs."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a retention CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ...)."
  }
}

variable "desired_count" {
  description = "Tasks at the first deployment; autoscaling moves it between min_count and max_count afterwards."
  type        = number

  validation {
    condition     = var.desired_count >= var.min_count && var.desired_count <= var.max_count
    error_message = "desired_count must lie between min_count and max_count."
  }
}

variable "min_count" {
  description = "Fewest tasks autoscaling leaves running."
  type        = number

  validation {
    condition     = var.min_count >= 1
    error_message = "min_count must be at least 1."
  }
}

variable "max_count" {
  description = "Most tasks autoscaling starts. For the processor at most the partition count of its input topics: a Kafka Streams instance beyond that gets no task and only waits."
  type        = number

  validation {
    condition     = var.max_count >= var.min_count
    error_message = "max_count must be at least min_count."
  }
}

variable "cpu_target_percent" {
  description = "Average CPU use autoscaling keeps the service at (target tracking)."
  type        = number
  default     = 60

  validation {
    condition     = var.cpu_target_percent >= 10 && var.cpu_target_percent <= 90
    error_message = "cpu_target_percent must be between 10 and 90."
  }
}

variable "connections_scaling" {
  description = <<-EOT
    Gateways only: also scale on open WebSockets per task. A CloudWatch agent sidecar scrapes the gateway's own
    switchboard_gateway_connections_active from /metrics and publishes it (embedded metric format, namespace
    Switchboard, dimension ServiceName); autoscaling keeps its average per task at target_per_task.
    agent_image: the CloudWatch agent image. null = no connection scaling.
  EOT
  type = object({
    target_per_task = number
    agent_image     = optional(string, "public.ecr.aws/cloudwatch-agent/cloudwatch-agent:latest")
  })
  default = null

  validation {
    condition     = var.connections_scaling == null || try(var.connections_scaling.target_per_task >= 1, false)
    error_message = "connections_scaling.target_per_task must be at least 1."
  }
}

variable "load_balancer" {
  description = "Gateways only: the target group tasks register in, and the load balancer's security group, which alone may reach container_port. null = no load balancer."
  type = object({
    target_group_arn  = string
    security_group_id = string
  })
  default = null
}

variable "kafka" {
  description = "The MSK cluster (outputs of the msk module): tasks may reach security_group_id on port and nothing else of it; the ARN prefixes scope the IAM permissions below."
  type = object({
    cluster_arn                 = string
    security_group_id           = string
    port                        = number
    topic_arn_prefix            = string
    group_arn_prefix            = string
    transactional_id_arn_prefix = string
  })
}

variable "kafka_access" {
  description = <<-EOT
    What the task role may do on the cluster (kafka-cluster IAM actions), as topic, group and transactional id
    name patterns (* as wildcard):
    read_topics (describe, read), write_topics (describe, write; idempotent writes on the cluster),
    manage_topics (create, alter and read configuration, delete records: the processor's own and Kafka Streams'
    internal topics), groups (consumer groups), transactional_ids (exactly-once producers).
  EOT
  type = object({
    read_topics       = list(string)
    write_topics      = list(string)
    manage_topics     = optional(list(string), [])
    groups            = optional(list(string), [])
    transactional_ids = optional(list(string), [])
  })
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
