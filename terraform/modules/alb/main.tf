# An internet-facing ALB for the gateways' WebSockets: HTTPS only (443, TLS ends here), forwarding to the gateways
# over HTTP on their port. The ALB upgrades WebSockets by itself; nothing here needs to ask for it.

resource "aws_security_group" "alb" {
  name_prefix = "${var.name}-alb-"
  description = "Load balancer ${var.name}: HTTPS from clients; to the gateways only (their module adds that rule)."
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name}-alb" })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_vpc_security_group_ingress_rule" "https" {
  for_each          = toset(var.ingress_cidrs)
  security_group_id = aws_security_group.alb.id
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  description       = "HTTPS and WSS from clients"
}

resource "aws_lb" "this" {
  name                       = var.name
  load_balancer_type         = "application"
  internal                   = false
  subnets                    = var.public_subnet_ids
  security_groups            = [aws_security_group.alb.id]
  idle_timeout               = var.idle_timeout_seconds
  drop_invalid_header_fields = true
  enable_deletion_protection = var.deletion_protection
  tags                       = var.tags
}

# Stickiness stays off: a WebSocket is one TCP connection and stays on its gateway for its whole life anyway, and a
# client that reconnects may land on any gateway (its reconnection token or `since` position is resolved through
# Kafka, not in a gateway's memory). Stickiness would only keep reconnecting clients on a gateway that is filling up
# and away from a freshly started one.
resource "aws_lb_target_group" "gateways" {
  name                 = "${var.name}-gw"
  vpc_id               = var.vpc_id
  target_type          = "ip" # Fargate tasks (awsvpc)
  protocol             = "HTTP"
  port                 = var.target_port
  deregistration_delay = var.deregistration_delay_seconds

  health_check {
    path                = "/health/ready" # 503 while draining or while Kafka does not answer
    port                = "traffic-port"
    protocol            = "HTTP"
    matcher             = "200"
    interval            = 10
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 2
  }

  stickiness {
    type    = "lb_cookie"
    enabled = false
  }

  tags = var.tags
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.this.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = var.ssl_policy
  certificate_arn   = var.certificate_arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.gateways.arn
  }

  tags = var.tags
}

resource "aws_route53_record" "this" {
  count   = var.route53_zone_id == null ? 0 : 1
  zone_id = var.route53_zone_id
  name    = var.domain_name
  type    = "A"

  alias {
    name                   = aws_lb.this.dns_name
    zone_id                = aws_lb.this.zone_id
    evaluate_target_health = true
  }
}
