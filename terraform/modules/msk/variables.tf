variable "name" {
  description = "Cluster name (also the prefix of its configuration, security group and log group)."
  type        = string

  validation {
    condition     = can(regex("^[a-zA-Z][a-zA-Z0-9-]{0,63}$", var.name))
    error_message = "name must be 1-64 characters: letters, digits and '-', starting with a letter (MSK's rule)."
  }
}

variable "vpc_id" {
  description = "VPC of the brokers' security group."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets of the brokers, one per availability zone (broker_count must be a multiple of their number)."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2 && length(var.subnet_ids) <= 3
    error_message = "subnet_ids must hold 2 or 3 subnets in different availability zones."
  }
}

variable "kafka_version" {
  description = "Apache Kafka version of the brokers. 3.8 or later: from 3.8 on, MSK's IAM authorizer lets clients end transactions (WriteTxnMarkers), which the processor's exactly_once_v2 needs."
  type        = string
  default     = "3.9.x"

  validation {
    condition     = can(regex("^(3\\.(8|9)|[4-9]\\.[0-9]+)\\.", var.kafka_version))
    error_message = "kafka_version must be 3.8 or later (e.g. 3.9.x): IAM access control supports transactions only from 3.8."
  }
}

variable "broker_count" {
  description = "Number of brokers: 3 for replication factor 3 with min.insync.replicas 2 (one broker can be lost without stopping writes)."
  type        = number
  default     = 3

  validation {
    condition     = var.broker_count >= 3 && var.broker_count % length(var.subnet_ids) == 0
    error_message = "broker_count must be at least 3 (replication factor 3) and a multiple of the number of subnet_ids (MSK places the same number of brokers in every zone)."
  }
}

variable "broker_instance_type" {
  description = "Broker instance type, e.g. kafka.t3.small (staging, cheapest; limited partitions and throughput) or kafka.m7g.large."
  type        = string
  default     = "kafka.m7g.large"

  validation {
    condition     = can(regex("^kafka\\.[a-z0-9]+\\.[a-z0-9]+$", var.broker_instance_type))
    error_message = "broker_instance_type must be an MSK broker type such as kafka.m7g.large."
  }
}

variable "broker_volume_gib" {
  description = "EBS storage per broker, GiB (1-16384)."
  type        = number
  default     = 100

  validation {
    condition     = var.broker_volume_gib >= 1 && var.broker_volume_gib <= 16384
    error_message = "broker_volume_gib must be between 1 and 16384."
  }
}

variable "log_retention_hours" {
  description = "Default retention of topics (log.retention.hours): how far back a client can resume with `since` and how far `switchboard replay` reaches."
  type        = number
  default     = 168

  validation {
    condition     = var.log_retention_hours >= 1
    error_message = "log_retention_hours must be at least 1."
  }
}

variable "encryption_kms_key_arn" {
  description = "KMS key that encrypts the brokers' storage at rest; null = the AWS-managed key for MSK (storage is encrypted either way)."
  type        = string
  default     = null

  validation {
    condition     = var.encryption_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.encryption_kms_key_arn))
    error_message = "encryption_kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>) or null."
  }
}

variable "broker_log_retention_days" {
  description = "Days the brokers' own logs are kept in CloudWatch Logs."
  type        = number
  default     = 14

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.broker_log_retention_days)
    error_message = "broker_log_retention_days must be a retention CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ...)."
  }
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
