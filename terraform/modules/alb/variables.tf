variable "name" {
  description = "Name of the load balancer and its target group (at most 26 characters: '-gw' is appended to the target group's)."
  type        = string

  validation {
    condition     = can(regex("^[a-zA-Z0-9][a-zA-Z0-9-]{0,25}$", var.name)) && !endswith(var.name, "-")
    error_message = "name must be 1-26 letters, digits or '-', not starting or ending with '-'."
  }
}

variable "vpc_id" {
  description = "VPC of the load balancer and its targets."
  type        = string
}

variable "public_subnet_ids" {
  description = "Public subnets of the load balancer, in at least two availability zones."
  type        = list(string)

  validation {
    condition     = length(var.public_subnet_ids) >= 2
    error_message = "public_subnet_ids must hold at least two subnets (an ALB spans two zones or more)."
  }
}

variable "certificate_arn" {
  description = "ACM certificate of the HTTPS listener (issued for domain_name, in the load balancer's region)."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[0-9a-f-]+$", var.certificate_arn))
    error_message = "certificate_arn must be an ACM certificate ARN: arn:aws:acm:<region>:<account>:certificate/<id>."
  }
}

variable "ssl_policy" {
  description = "TLS policy of the HTTPS listener."
  type        = string
  default     = "ELBSecurityPolicy-TLS13-1-2-2021-06"
}

variable "ingress_cidrs" {
  description = "Client networks allowed to reach the listener on 443 (the only port open)."
  type        = list(string)
  default     = ["0.0.0.0/0"]

  validation {
    condition     = length(var.ingress_cidrs) > 0 && alltrue([for c in var.ingress_cidrs : can(cidrhost(c, 0))])
    error_message = "ingress_cidrs must be a non-empty list of IPv4 CIDR blocks."
  }
}

variable "gateway_heartbeat_timeout_ms" {
  description = "The gateways' heartbeat timeout (gateway.heartbeat.timeout-ms): the load balancer's idle timeout must be longer, so that a silent connection is closed by the gateway with 4010, which clients understand, and never cut first by the load balancer."
  type        = number

  validation {
    condition     = var.gateway_heartbeat_timeout_ms > 0
    error_message = "gateway_heartbeat_timeout_ms must be positive: behind a load balancer the gateway must time silent connections out itself."
  }
}

variable "idle_timeout_seconds" {
  description = "Seconds a connection may carry no data before the load balancer closes it. WebSockets stay open far longer; the gateways' pings (every gateway.heartbeat.interval-ms) are the traffic that keeps them open."
  type        = number
  default     = 120

  validation {
    condition     = var.idle_timeout_seconds >= 1 && var.idle_timeout_seconds <= 4000
    error_message = "idle_timeout_seconds must be between 1 and 4000 (the ALB's range)."
  }

  validation {
    condition     = var.idle_timeout_seconds * 1000 > var.gateway_heartbeat_timeout_ms
    error_message = "idle_timeout_seconds must be longer than the gateway heartbeat timeout (gateway_heartbeat_timeout_ms), or the load balancer cuts silent connections before the gateway closes them with 4010."
  }
}

variable "target_port" {
  description = "The gateways' port (gateway.port): WebSocket, /metrics and /health/*."
  type        = number
  default     = 8080

  validation {
    condition     = var.target_port >= 1 && var.target_port <= 65535
    error_message = "target_port must be a TCP port (1-65535)."
  }
}

variable "deregistration_delay_seconds" {
  description = "How long a stopping gateway keeps its connections after it stops getting new ones (then ECS sends it SIGTERM). Match the gateway's drain grace (gateway.drain.grace-ms): WebSockets never finish by themselves, so a longer delay only holds the stop up."
  type        = number
  default     = 10

  validation {
    condition     = var.deregistration_delay_seconds >= 0 && var.deregistration_delay_seconds <= 3600
    error_message = "deregistration_delay_seconds must be between 0 and 3600."
  }
}

variable "domain_name" {
  description = "DNS name clients connect to (the certificate's); null = the load balancer's own DNS name (the certificate will not match it)."
  type        = string
  default     = null
}

variable "route53_zone_id" {
  description = "Route 53 hosted zone in which to create an alias record domain_name → load balancer; null = manage DNS elsewhere."
  type        = string
  default     = null

  validation {
    condition     = var.route53_zone_id == null || var.domain_name != null
    error_message = "route53_zone_id needs domain_name: the record's name."
  }
}

variable "deletion_protection" {
  description = "Refuse to delete the load balancer (production: true)."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
