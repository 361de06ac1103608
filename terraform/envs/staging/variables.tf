# Every input of the staging environment. Only variable blocks live here (and the JWT guard in guards.tf), so that
# tests/run.sh can check their validations with `terraform plan` on these files alone, without the AWS provider.

variable "aws_region" {
  description = "AWS region of everything (the certificate must be in it too)."
  type        = string
  default     = "eu-west-1"

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.aws_region))
    error_message = "aws_region must be a region name such as eu-west-1."
  }
}

variable "name" {
  description = "Prefix of every resource name."
  type        = string
  default     = "switchboard-staging"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,22}$", var.name))
    error_message = "name must be 2-23 characters: lowercase letters, digits and '-', starting with a letter (the load balancer's name is derived from it)."
  }
}

variable "image_tag" {
  description = "Tag of the Switchboard image in the ECR repository this environment creates (push it first: see terraform/README.md), e.g. the git commit."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", var.image_tag))
    error_message = "image_tag must be a Docker tag: letters, digits, '_', '.', '-', at most 128 characters."
  }
}

variable "domain_name" {
  description = "DNS name clients connect to: wss://<domain_name>/ws. The certificate must cover it."
  type        = string

  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.domain_name))
    error_message = "domain_name must be a lowercase DNS name such as realtime.staging.example.com."
  }
}

variable "certificate_arn" {
  description = "ACM certificate for domain_name, in aws_region."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[0-9a-f-]+$", var.certificate_arn))
    error_message = "certificate_arn must be an ACM certificate ARN: arn:aws:acm:<region>:<account>:certificate/<id>."
  }
}

variable "route53_zone_id" {
  description = "Hosted zone in which to create the record domain_name → load balancer; null = point DNS at the load balancer yourself (output alb_dns_name)."
  type        = string
  default     = null
}

variable "jwt_secret_arn" {
  description = <<-EOT
    ARN of the Secrets Manager secret holding the gateways' HS256 JWT key (a plain-text secret of at least 32
    bytes; gateway.auth.jwt.secret). ECS hands it to the gateways as SWITCHBOARD_GATEWAY_AUTH_JWT_SECRET; only
    their execution role may read it. There is deliberately no variable for the key itself: it would end up in
    the state, the plan and the shell history.
  EOT
  type        = string
  # A key pasted here by mistake must never be printed. It is checked by the precondition in guards.tf, not by a
  # validation block: Terraform (1.11) prints the rejected value in a validation error, sensitive or not.
  sensitive = true
}

variable "jwt_secret_kms_key_arn" {
  description = "Customer-managed KMS key of the JWT secret; null when it uses the AWS-managed key aws/secretsmanager."
  type        = string
  default     = null

  validation {
    condition     = var.jwt_secret_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.jwt_secret_kms_key_arn))
    error_message = "jwt_secret_kms_key_arn must be a KMS key ARN or null."
  }
}

variable "allowed_origins" {
  description = "Browser origins allowed to open WebSockets (gateway.auth.allowed-origins); empty = https://<domain_name> only."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for o in var.allowed_origins : can(regex("^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$", o))])
    error_message = "allowed_origins entries must be origins scheme://host[:port], without a path (not even '/')."
  }
}

variable "ingress_cidrs" {
  description = "Client networks allowed to reach the load balancer (443 only)."
  type        = list(string)
  default     = ["0.0.0.0/0"]
}

variable "az_count" {
  description = "Availability zones of the VPC created here (3: MSK places its 3 brokers one per zone)."
  type        = number
  default     = 3

  validation {
    condition     = var.az_count == 3
    error_message = "az_count must be 3 here: the 3 MSK brokers need one subnet per zone (2 zones would need 2 or 4 brokers)."
  }
}

variable "existing_vpc_id" {
  description = "Deploy into this VPC instead of creating one (then give the subnet ids too)."
  type        = string
  default     = null
}

variable "existing_public_subnet_ids" {
  description = "Public subnets of existing_vpc_id, one in each of 3 zones (the load balancer)."
  type        = list(string)
  default     = []
}

variable "existing_private_subnet_ids" {
  description = "Private subnets of existing_vpc_id with NAT, one in each of 3 zones (brokers and tasks)."
  type        = list(string)
  default     = []

  validation {
    condition     = length(var.existing_private_subnet_ids) == 0 || length(var.existing_private_subnet_ids) == 3
    error_message = "existing_private_subnet_ids must hold 3 subnets (one per zone, for the 3 brokers) or none."
  }
}

variable "msk_broker_instance_type" {
  description = "MSK broker type. kafka.t3.small is the cheapest (staging); production wants kafka.m7g.large or larger."
  type        = string
  default     = "kafka.t3.small"
}

variable "msk_broker_volume_gib" {
  description = "Storage per broker, GiB."
  type        = number
  default     = 50
}

variable "topic_partitions" {
  description = "Partitions of the topics the processor creates (processor.topics.partitions): the most processor tasks that can share the work."
  type        = number
  default     = 6

  validation {
    condition     = var.topic_partitions >= 1 && var.topic_partitions <= 10000
    error_message = "topic_partitions must be between 1 and 10000 (processor.topics.partitions)."
  }
}

variable "processor_cpu" {
  description = "CPU units of a processor task (1024 = one vCPU)."
  type        = number
  default     = 1024
}

variable "processor_memory" {
  description = "Memory of a processor task, MiB."
  type        = number
  default     = 2048
}

variable "processor_count" {
  description = "Processor tasks: desired at the first deployment, and the autoscaling bounds."
  type = object({
    min     = number
    desired = number
    max     = number
  })
  default = { min = 2, desired = 2, max = 3 }

  validation {
    condition     = var.processor_count.min >= 1 && var.processor_count.min <= var.processor_count.desired && var.processor_count.desired <= var.processor_count.max
    error_message = "processor_count must satisfy 1 <= min <= desired <= max."
  }

  validation {
    condition     = var.processor_count.max <= var.topic_partitions
    error_message = "processor_count.max must not exceed topic_partitions: Kafka Streams gives each partition to one instance, so processors beyond the partition count only wait."
  }
}

variable "processor_shutdown_grace_ms" {
  description = "How long a processor may take to commit and close Kafka Streams after SIGTERM (ECS waits 10 s more before SIGKILL)."
  type        = number
  default     = 30000
}

variable "gateway_cpu" {
  description = "CPU units of a gateway task (1024 = one vCPU)."
  type        = number
  default     = 1024
}

variable "gateway_memory" {
  description = "Memory of a gateway task, MiB (about 35 KB per plain connection, 135 KB with permessage-deflate)."
  type        = number
  default     = 2048
}

variable "gateway_count" {
  description = "Gateway tasks: desired at the first deployment, and the autoscaling bounds."
  type = object({
    min     = number
    desired = number
    max     = number
  })
  default = { min = 2, desired = 2, max = 6 }

  validation {
    condition     = var.gateway_count.min >= 1 && var.gateway_count.min <= var.gateway_count.desired && var.gateway_count.desired <= var.gateway_count.max
    error_message = "gateway_count must satisfy 1 <= min <= desired <= max."
  }
}

variable "gateway_connections_per_task" {
  description = "Open WebSockets per gateway task that autoscaling aims at (alongside CPU)."
  type        = number
  default     = 5000

  validation {
    condition     = var.gateway_connections_per_task >= 100
    error_message = "gateway_connections_per_task must be at least 100."
  }
}

variable "gateway_heartbeat_interval_ms" {
  description = "Milliseconds between the gateways' pings (gateway.heartbeat.interval-ms). They are the traffic that keeps idle WebSockets open through the load balancer."
  type        = number
  default     = 30000

  validation {
    condition     = var.gateway_heartbeat_interval_ms > 0
    error_message = "gateway_heartbeat_interval_ms must be positive: without pings the load balancer closes idle WebSockets."
  }
}

variable "gateway_heartbeat_timeout_ms" {
  description = "Silence after which a gateway closes a connection with 4010 (gateway.heartbeat.timeout-ms)."
  type        = number
  default     = 90000

  validation {
    condition     = var.gateway_heartbeat_timeout_ms > var.gateway_heartbeat_interval_ms
    error_message = "gateway_heartbeat_timeout_ms must be longer than gateway_heartbeat_interval_ms."
  }
}

variable "alb_idle_timeout_seconds" {
  description = "Seconds a connection may carry no data before the load balancer closes it: longer than the gateway heartbeat timeout, so the gateway decides (4010) and the load balancer never cuts a connection first."
  type        = number
  default     = 120

  validation {
    condition     = var.alb_idle_timeout_seconds >= 1 && var.alb_idle_timeout_seconds <= 4000
    error_message = "alb_idle_timeout_seconds must be between 1 and 4000 (the ALB's range)."
  }

  validation {
    condition     = var.alb_idle_timeout_seconds * 1000 > var.gateway_heartbeat_timeout_ms
    error_message = "alb_idle_timeout_seconds must be longer than gateway_heartbeat_timeout_ms (in seconds), or the load balancer cuts silent connections before the gateway closes them with 4010."
  }
}

variable "gateway_drain_grace_ms" {
  description = "How long a gateway's graceful stop may take (gateway.drain.grace-ms); the load balancer's deregistration delay matches it and ECS waits 10 s more before SIGKILL."
  type        = number
  default     = 10000

  validation {
    condition     = var.gateway_drain_grace_ms >= 1000 && var.gateway_drain_grace_ms <= 110000
    error_message = "gateway_drain_grace_ms must be between 1000 and 110000 (ECS's stopTimeout, 10 s longer, is at most 120 s)."
  }
}

variable "gateway_environment" {
  description = "More gateway settings as SWITCHBOARD_GATEWAY_* environment variables (README, Configuration), e.g. SWITCHBOARD_GATEWAY_AUTH_JWT_ISSUER. Never secrets."
  type        = map(string)
  default     = {}
}

variable "processor_environment" {
  description = "More processor settings as SWITCHBOARD_PROCESSOR_* / SWITCHBOARD_STREAMS_* environment variables. Never secrets."
  type        = map(string)
  default     = {}
}

variable "log_retention_days" {
  description = "Days container logs are kept in CloudWatch Logs."
  type        = number
  default     = 14
}

variable "tags" {
  description = "Tags added to every resource (besides Project and Environment)."
  type        = map(string)
  default     = {}
}
