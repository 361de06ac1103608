output "cluster_arn" {
  description = "The cluster's ARN (the resource of kafka-cluster:Connect and the other cluster-level IAM actions)."
  value       = aws_msk_cluster.this.arn
}

output "cluster_name" {
  description = "The cluster's name."
  value       = aws_msk_cluster.this.cluster_name
}

output "bootstrap_brokers" {
  description = "Bootstrap servers for IAM-authenticated TLS clients (host:9098,...): processor.bootstrap-servers and gateway.bootstrap-servers."
  value       = aws_msk_cluster.this.bootstrap_brokers_sasl_iam
}

output "port" {
  description = "The brokers' port for IAM-authenticated TLS clients."
  value       = 9098
}

output "security_group_id" {
  description = "The brokers' security group: a client module adds an ingress rule on port from its own group."
  value       = aws_security_group.brokers.id
}

output "topic_arn_prefix" {
  description = "Prefix of the IAM ARNs of this cluster's topics; append a topic name or pattern (switchboard.*)."
  value       = local.topic_arn_prefix
}

output "group_arn_prefix" {
  description = "Prefix of the IAM ARNs of this cluster's consumer groups; append a group name or pattern."
  value       = local.group_arn_prefix
}

output "transactional_id_arn_prefix" {
  description = "Prefix of the IAM ARNs of this cluster's transactional ids; append an id or pattern."
  value       = local.transactional_id_arn_prefix
}

output "client_environment" {
  description = "Raw Kafka client properties a Switchboard process needs for this cluster, as SWITCHBOARD_KAFKA_* environment variables (kafka.* pass-through): SASL_SSL with the AWS_MSK_IAM mechanism of the aws-msk-iam-auth library, credentials from the ECS task role."
  value = {
    SWITCHBOARD_KAFKA_SECURITY_PROTOCOL                  = "SASL_SSL"
    SWITCHBOARD_KAFKA_SASL_MECHANISM                     = "AWS_MSK_IAM"
    SWITCHBOARD_KAFKA_SASL_JAAS_CONFIG                   = "software.amazon.msk.auth.iam.IAMLoginModule required;"
    SWITCHBOARD_KAFKA_SASL_CLIENT_CALLBACK_HANDLER_CLASS = "software.amazon.msk.auth.iam.IAMClientCallbackHandler"
  }
}
