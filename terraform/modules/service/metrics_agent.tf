# Gateways: open WebSockets per task, as a CloudWatch metric autoscaling can track. A CloudWatch agent sidecar
# scrapes the gateway's own gauge switchboard_gateway_connections_active on localhost (tasks share one network
# namespace) every 30 s and writes it in embedded metric format to a log group of its own; CloudWatch turns that
# into the metric Switchboard/switchboard_gateway_connections_active{ServiceName=<name>}, one data point per task,
# whose Average is the connections per task.

locals {
  connections_metric = {
    namespace  = "Switchboard"
    name       = "switchboard_gateway_connections_active"
    dimensions = { ServiceName = var.name }
  }

  prometheus_config = yamlencode({
    global = { scrape_interval = "30s", scrape_timeout = "10s" }
    scrape_configs = [{
      job_name       = "switchboard-gateway"
      metrics_path   = "/metrics"
      static_configs = [{ targets = ["localhost:${var.container_port}"], labels = { ServiceName = var.name } }]
    }]
  })

  agent_config = jsonencode({
    logs = {
      force_flush_interval = 5
      metrics_collected = {
        prometheus = {
          log_group_name         = "/ecs/${var.name}/metrics"
          prometheus_config_path = "env:PROMETHEUS_CONFIG_CONTENT"
          emf_processor = {
            metric_namespace = local.connections_metric.namespace
            metric_declaration = [{
              source_labels    = ["job"]
              label_matcher    = "^switchboard-gateway$"
              dimensions       = [["ServiceName"]]
              metric_selectors = ["^${local.connections_metric.name}$"]
            }]
          }
        }
      }
    }
  })

  metrics_agent_container = {
    name      = "metrics-agent"
    image     = try(var.connections_scaling.agent_image, null)
    essential = false # the gateway serves without it; only connection-based scaling waits
    environment = [
      { name = "CW_CONFIG_CONTENT", value = local.agent_config },
      { name = "PROMETHEUS_CONFIG_CONTENT", value = local.prometheus_config },
    ]
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.this.name
        awslogs-region        = data.aws_region.current.name
        awslogs-stream-prefix = "metrics-agent"
      }
    }
  }
}

resource "aws_cloudwatch_log_group" "metrics" {
  count             = var.connections_scaling == null ? 0 : 1
  name              = "/ecs/${var.name}/metrics"
  retention_in_days = 1 # the metric is what matters; the raw EMF lines are only for debugging
  tags              = var.tags
}
