# The tasks' security group. Each path this service needs is opened on both ends here, by the service that needs it:
# the load balancer may reach container_port (and nothing else may), and the tasks may reach the brokers on their
# IAM port. The brokers' and the load balancer's groups are otherwise closed.

resource "aws_security_group" "tasks" {
  name_prefix = "${var.name}-"
  description = "Switchboard ${var.component} tasks of ${var.name}"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = var.name })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_egress_rule" "to_kafka" {
  security_group_id            = aws_security_group.tasks.id
  referenced_security_group_id = var.kafka.security_group_id
  ip_protocol                  = "tcp"
  from_port                    = var.kafka.port
  to_port                      = var.kafka.port
  description                  = "Kafka (TLS, IAM)"
}

resource "aws_vpc_security_group_ingress_rule" "kafka_from_tasks" {
  security_group_id            = var.kafka.security_group_id
  referenced_security_group_id = aws_security_group.tasks.id
  ip_protocol                  = "tcp"
  from_port                    = var.kafka.port
  to_port                      = var.kafka.port
  description                  = "Kafka clients: ${var.name}"
}

# HTTPS out, through the NAT gateway: ECR (image layers), CloudWatch Logs, Secrets Manager, STS (the task role's
# credentials for MSK IAM) and, for gateways, a JWKS URL. AWS endpoints have no fixed addresses to narrow this to
# without VPC endpoints (see the README: not covered).
resource "aws_vpc_security_group_egress_rule" "https" {
  security_group_id = aws_security_group.tasks.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  description       = "AWS APIs and JWKS over HTTPS"
}

resource "aws_vpc_security_group_ingress_rule" "from_load_balancer" {
  count                        = var.load_balancer == null ? 0 : 1
  security_group_id            = aws_security_group.tasks.id
  referenced_security_group_id = var.load_balancer.security_group_id
  ip_protocol                  = "tcp"
  from_port                    = var.container_port
  to_port                      = var.container_port
  description                  = "WebSocket and health checks from the load balancer"
}

resource "aws_vpc_security_group_egress_rule" "load_balancer_to_tasks" {
  count                        = var.load_balancer == null ? 0 : 1
  security_group_id            = var.load_balancer.security_group_id
  referenced_security_group_id = aws_security_group.tasks.id
  ip_protocol                  = "tcp"
  from_port                    = var.container_port
  to_port                      = var.container_port
  description                  = "To ${var.name} tasks"
}
