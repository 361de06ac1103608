variable "name" {
  description = "Name prefix of every resource (e.g. switchboard-staging)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}$", var.name))
    error_message = "name must be 2-31 characters: lowercase letters, digits and '-', starting with a letter."
  }
}

variable "vpc_cidr" {
  description = "CIDR block of the VPC this module creates (ignored when existing_vpc_id is set). /16 to /22."
  type        = string
  default     = "10.40.0.0/16"

  validation {
    condition     = can(regex("^[0-9]{1,3}(\\.[0-9]{1,3}){3}/(1[6-9]|2[0-2])$", var.vpc_cidr)) && can(cidrhost(var.vpc_cidr, 0))
    error_message = "vpc_cidr must be an IPv4 CIDR block from /16 to /22, e.g. 10.40.0.0/16."
  }
}

variable "az_count" {
  description = "Availability zones to spread subnets over (2 or 3). MSK with 3 brokers needs 3."
  type        = number
  default     = 3

  validation {
    condition     = contains([2, 3], var.az_count)
    error_message = "az_count must be 2 or 3."
  }
}

variable "single_nat_gateway" {
  description = "One NAT gateway for all private subnets (cheaper; the private subnets lose outbound access when its zone fails) instead of one per zone."
  type        = bool
  default     = true
}

variable "existing_vpc_id" {
  description = "Use this VPC instead of creating one (then also give existing_public_subnet_ids and existing_private_subnet_ids; nothing is created)."
  type        = string
  default     = null

  validation {
    condition     = var.existing_vpc_id == null || can(regex("^vpc-[0-9a-f]{8,17}$", var.existing_vpc_id))
    error_message = "existing_vpc_id must look like vpc-0123456789abcdef0."
  }
}

variable "existing_public_subnet_ids" {
  description = "Public subnets (routed to an internet gateway) of existing_vpc_id, one per zone: the load balancer's."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for id in var.existing_public_subnet_ids : can(regex("^subnet-[0-9a-f]{8,17}$", id))])
    error_message = "existing_public_subnet_ids must be subnet ids (subnet-0123456789abcdef0)."
  }

  validation {
    condition     = (var.existing_vpc_id == null) == (length(var.existing_public_subnet_ids) == 0)
    error_message = "existing_public_subnet_ids must be given exactly when existing_vpc_id is."
  }
}

variable "existing_private_subnet_ids" {
  description = "Private subnets (outbound through NAT) of existing_vpc_id, one per zone: MSK brokers and the tasks."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for id in var.existing_private_subnet_ids : can(regex("^subnet-[0-9a-f]{8,17}$", id))])
    error_message = "existing_private_subnet_ids must be subnet ids (subnet-0123456789abcdef0)."
  }

  validation {
    condition     = (var.existing_vpc_id == null) == (length(var.existing_private_subnet_ids) == 0)
    error_message = "existing_private_subnet_ids must be given exactly when existing_vpc_id is."
  }
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
