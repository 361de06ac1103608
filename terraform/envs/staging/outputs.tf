output "wss_url" {
  description = "Where WebSocket clients connect."
  value       = module.alb.wss_url
}

output "alb_dns_name" {
  description = "The load balancer's DNS name: point domain_name at it (CNAME or alias) when route53_zone_id is not set."
  value       = module.alb.dns_name
}

output "ecr_repository_url" {
  description = "Push the image here (see terraform/README.md)."
  value       = module.ecr.repository_url
}

output "msk_bootstrap_brokers" {
  description = "MSK bootstrap servers (TLS, IAM auth) for operators' tools inside the VPC."
  value       = module.msk.bootstrap_brokers
}

output "ecs_cluster_name" {
  description = "The ECS cluster."
  value       = aws_ecs_cluster.this.name
}

output "gateway_service_name" {
  description = "The gateways' ECS service."
  value       = module.gateway.service_name
}

output "processor_service_name" {
  description = "The processor's ECS service."
  value       = module.processor.service_name
}

output "log_groups" {
  description = "CloudWatch log groups of the gateways and the processor."
  value = {
    gateway   = module.gateway.log_group_name
    processor = module.processor.log_group_name
  }
}
