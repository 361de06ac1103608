output "vpc_id" {
  description = "The VPC's id."
  value       = local.create ? aws_vpc.this[0].id : var.existing_vpc_id
}

output "vpc_cidr" {
  description = "The VPC's primary CIDR block."
  value       = local.create ? aws_vpc.this[0].cidr_block : data.aws_vpc.existing[0].cidr_block
}

output "public_subnet_ids" {
  description = "Public subnets, one per zone (the load balancer's)."
  value       = local.create ? aws_subnet.public[*].id : var.existing_public_subnet_ids
}

output "public_subnet_cidrs" {
  description = "CIDR blocks of the public subnets: where the load balancer's nodes take their addresses (the gateways trust X-Forwarded-For from these)."
  value       = local.create ? aws_subnet.public[*].cidr_block : data.aws_subnet.existing_public[*].cidr_block
}

output "private_subnet_ids" {
  description = "Private subnets, one per zone (MSK brokers and ECS tasks)."
  value       = local.create ? aws_subnet.private[*].id : var.existing_private_subnet_ids
}
