# Switchboard staging on AWS: a VPC over three zones, MSK (3 brokers, TLS + IAM), one ECR repository, an ECS cluster
# running the processor and the gateways on Fargate, and an ALB with wss://<domain_name>/ws in front of the gateways.

locals {
  # The names the processor and the gateways are configured with, and the IAM permissions are scoped to.
  topic_prefix   = "switchboard"
  application_id = "switchboard-processor"
  gateway_port   = 8080 # gateway.port: WebSocket, /metrics, /health/*
  processor_port = 8081 # processor.http.port: /metrics, /health/*
  image          = "${module.ecr.repository_url}:${var.image_tag}"
  origins        = length(var.allowed_origins) > 0 ? var.allowed_origins : ["https://${var.domain_name}"]

  kafka = {
    cluster_arn                 = module.msk.cluster_arn
    security_group_id           = module.msk.security_group_id
    port                        = module.msk.port
    topic_arn_prefix            = module.msk.topic_arn_prefix
    group_arn_prefix            = module.msk.group_arn_prefix
    transactional_id_arn_prefix = module.msk.transactional_id_arn_prefix
  }
}

module "network" {
  source = "../../modules/network"

  name                        = var.name
  az_count                    = var.az_count
  single_nat_gateway          = true # staging: one NAT gateway (~$35/month) instead of three
  existing_vpc_id             = var.existing_vpc_id
  existing_public_subnet_ids  = var.existing_public_subnet_ids
  existing_private_subnet_ids = var.existing_private_subnet_ids
}

module "msk" {
  source = "../../modules/msk"

  name                 = var.name
  vpc_id               = module.network.vpc_id
  subnet_ids           = module.network.private_subnet_ids
  broker_count         = 3
  broker_instance_type = var.msk_broker_instance_type
  broker_volume_gib    = var.msk_broker_volume_gib
}

module "ecr" {
  source = "../../modules/ecr"

  name         = "${var.name}/switchboard"
  force_delete = true # staging: `terraform destroy` removes the images too
}

module "alb" {
  source = "../../modules/alb"

  name                         = var.name
  vpc_id                       = module.network.vpc_id
  public_subnet_ids            = module.network.public_subnet_ids
  certificate_arn              = var.certificate_arn
  ingress_cidrs                = var.ingress_cidrs
  idle_timeout_seconds         = var.alb_idle_timeout_seconds
  gateway_heartbeat_timeout_ms = var.gateway_heartbeat_timeout_ms
  deregistration_delay_seconds = ceil(var.gateway_drain_grace_ms / 1000)
  target_port                  = local.gateway_port
  domain_name                  = var.domain_name
  route53_zone_id              = var.route53_zone_id
}

resource "aws_ecs_cluster" "this" {
  name = var.name

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

module "processor" {
  source = "../../modules/service"

  name                  = "${var.name}-processor"
  component             = "processor"
  cluster_arn           = aws_ecs_cluster.this.arn
  cluster_name          = aws_ecs_cluster.this.name
  vpc_id                = module.network.vpc_id
  subnet_ids            = module.network.private_subnet_ids
  image                 = local.image
  ecr_repository_arn    = module.ecr.repository_arn
  cpu                   = var.processor_cpu
  memory                = var.processor_memory
  container_port        = local.processor_port
  ephemeral_storage_gib = 30 # RocksDB state, rebuilt from the changelog topics on a new task
  shutdown_grace_ms     = var.processor_shutdown_grace_ms
  # Restoring state stores before RUNNING can take a while on a fresh task; liveness only fails on a dead stream thread.
  health_check_start_period_seconds = 120
  log_retention_days                = var.log_retention_days
  min_count                         = var.processor_count.min
  desired_count                     = var.processor_count.desired
  max_count                         = var.processor_count.max # validated <= topic_partitions

  environment = merge(module.msk.client_environment, {
    SWITCHBOARD_PROCESSOR_BOOTSTRAP_SERVERS         = module.msk.bootstrap_brokers
    SWITCHBOARD_PROCESSOR_APPLICATION_ID            = local.application_id
    SWITCHBOARD_PROCESSOR_TOPIC_PREFIX              = local.topic_prefix
    SWITCHBOARD_PROCESSOR_TOPICS_PARTITIONS         = tostring(var.topic_partitions)
    SWITCHBOARD_PROCESSOR_TOPICS_REPLICATION_FACTOR = "3"
    SWITCHBOARD_PROCESSOR_STATE_DIR                 = "/var/lib/switchboard/streams"
    # A warm copy of each store on another instance: a failed-over task resumes without replaying its changelog.
    SWITCHBOARD_STREAMS_NUM_STANDBY_REPLICAS = "1"
  }, var.processor_environment)

  kafka = local.kafka
  kafka_access = {
    # Its own topics and Kafka Streams' internal ones (<application id>-...-changelog / -repartition).
    read_topics       = ["${local.topic_prefix}.*", "${local.application_id}-*"]
    write_topics      = ["${local.topic_prefix}.*", "${local.application_id}-*"]
    manage_topics     = ["${local.topic_prefix}.*", "${local.application_id}-*"]
    groups            = [local.application_id]
    transactional_ids = ["${local.application_id}-*"] # exactly_once_v2 producers
  }
}

module "gateway" {
  source = "../../modules/service"

  name               = "${var.name}-gateway"
  component          = "gateway"
  cluster_arn        = aws_ecs_cluster.this.arn
  cluster_name       = aws_ecs_cluster.this.name
  vpc_id             = module.network.vpc_id
  subnet_ids         = module.network.private_subnet_ids
  image              = local.image
  ecr_repository_arn = module.ecr.repository_arn
  cpu                = var.gateway_cpu
  memory             = var.gateway_memory
  container_port     = local.gateway_port
  shutdown_grace_ms  = var.gateway_drain_grace_ms
  log_retention_days = var.log_retention_days
  min_count          = var.gateway_count.min
  desired_count      = var.gateway_count.desired
  max_count          = var.gateway_count.max

  environment = merge(module.msk.client_environment, {
    SWITCHBOARD_GATEWAY_BOOTSTRAP_SERVERS     = module.msk.bootstrap_brokers
    SWITCHBOARD_GATEWAY_TOPIC_PREFIX          = local.topic_prefix
    SWITCHBOARD_GATEWAY_HEARTBEAT_INTERVAL_MS = tostring(var.gateway_heartbeat_interval_ms)
    SWITCHBOARD_GATEWAY_HEARTBEAT_TIMEOUT_MS  = tostring(var.gateway_heartbeat_timeout_ms)
    SWITCHBOARD_GATEWAY_DRAIN_GRACE_MS        = tostring(var.gateway_drain_grace_ms)
    SWITCHBOARD_GATEWAY_AUTH_ALLOWED_ORIGINS  = join(",", local.origins)
    # The load balancer's nodes live in the public subnets: believe their X-Forwarded-For, so that the per-address
    # handshake limits count clients, not the load balancer.
    SWITCHBOARD_GATEWAY_LIMITS_TRUSTED_PROXIES = join(",", module.network.public_subnet_cidrs)
    # gateway.id stays empty: every task draws its own (gw- + 96 random bits).
  }, var.gateway_environment)

  secret_arns = {
    SWITCHBOARD_GATEWAY_AUTH_JWT_SECRET = local.jwt_secret_arn
  }
  secrets_kms_key_arns = var.jwt_secret_kms_key_arn == null ? [] : [var.jwt_secret_kms_key_arn]

  load_balancer = {
    target_group_arn  = module.alb.target_group_arn
    security_group_id = module.alb.security_group_id
  }

  connections_scaling = {
    target_per_task = var.gateway_connections_per_task
  }

  kafka = local.kafka
  kafka_access = {
    # Deliveries (switchboard.out.*), replies, and the topics it checks at start; no consumer group (partitions are
    # assigned by hand) and no transactions.
    read_topics = ["${local.topic_prefix}.*"]
    # Client actions, its connections summary (an event) and its lease.
    write_topics = [
      "${local.topic_prefix}.actions",
      "${local.topic_prefix}.events",
      "${local.topic_prefix}.gateways",
    ]
  }
}
