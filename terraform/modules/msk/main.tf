# Amazon MSK for Switchboard: brokers in the private subnets, TLS between clients and brokers and between brokers,
# clients authenticated and authorized by IAM (SASL mechanism AWS_MSK_IAM, port 9098), storage encrypted with KMS.
# Nobody can reach the brokers until a client module adds an ingress rule to security_group_id from its own group.

locals {
  # The topic settings Switchboard relies on. The processor creates its topics itself at start (with
  # processor.topics.replication-factor 3), so automatic creation stays off: a mistyped topic name fails instead of
  # creating a topic. Replication 3 with min ISR 2 keeps writes going (acks=all) when one broker is lost.
  # Exactly-once (exactly_once_v2) keeps its transaction state in __transaction_state, which must be as durable
  # as the data topics.
  server_properties = <<-PROPERTIES
    auto.create.topics.enable=false
    default.replication.factor=3
    min.insync.replicas=2
    num.partitions=3
    offsets.topic.replication.factor=3
    transaction.state.log.replication.factor=3
    transaction.state.log.min.isr=2
    unclean.leader.election.enable=false
    log.retention.hours=${var.log_retention_hours}
  PROPERTIES
}

resource "aws_msk_configuration" "this" {
  # The version is in the name: a new version makes a new configuration, created before the old one goes.
  name              = "${var.name}-${replace(var.kafka_version, ".", "-")}"
  kafka_versions    = [var.kafka_version]
  server_properties = local.server_properties
  description       = "Switchboard: no auto-created topics, replication 3, min ISR 2, durable transaction state."

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_security_group" "brokers" {
  name_prefix = "${var.name}-brokers-"
  description = "MSK brokers of ${var.name}: clients are let in by the modules that use them, on the IAM port only."
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name}-brokers" })

  lifecycle {
    create_before_destroy = true
  }
}

# Brokers talk to each other (replication, KRaft/ZooKeeper is AWS-managed) inside their own group.
resource "aws_vpc_security_group_ingress_rule" "broker_to_broker" {
  security_group_id            = aws_security_group.brokers.id
  referenced_security_group_id = aws_security_group.brokers.id
  ip_protocol                  = "-1"
  description                  = "Broker to broker"
}

resource "aws_vpc_security_group_egress_rule" "broker_to_broker" {
  security_group_id            = aws_security_group.brokers.id
  referenced_security_group_id = aws_security_group.brokers.id
  ip_protocol                  = "-1"
  description                  = "Broker to broker"
}

resource "aws_cloudwatch_log_group" "brokers" {
  name              = "/msk/${var.name}"
  retention_in_days = var.broker_log_retention_days
  tags              = var.tags
}

resource "aws_msk_cluster" "this" {
  cluster_name           = var.name
  kafka_version          = var.kafka_version
  number_of_broker_nodes = var.broker_count

  broker_node_group_info {
    instance_type   = var.broker_instance_type
    client_subnets  = var.subnet_ids
    security_groups = [aws_security_group.brokers.id]

    storage_info {
      ebs_storage_info {
        volume_size = var.broker_volume_gib
      }
    }
  }

  configuration_info {
    arn      = aws_msk_configuration.this.arn
    revision = aws_msk_configuration.this.latest_revision
  }

  client_authentication {
    unauthenticated = false

    sasl {
      iam = true
    }
  }

  encryption_info {
    encryption_at_rest_kms_key_arn = var.encryption_kms_key_arn

    encryption_in_transit {
      client_broker = "TLS"
      in_cluster    = true
    }
  }

  logging_info {
    broker_logs {
      cloudwatch_logs {
        enabled   = true
        log_group = aws_cloudwatch_log_group.brokers.name
      }
    }
  }

  tags = var.tags
}

locals {
  # IAM resource ARNs of the cluster's topics, groups and transactional ids replace "cluster" in its ARN:
  #   arn:aws:kafka:<region>:<account>:topic/<cluster name>/<cluster uuid>/<topic>
  topic_arn_prefix            = "${replace(aws_msk_cluster.this.arn, ":cluster/", ":topic/")}/"
  group_arn_prefix            = "${replace(aws_msk_cluster.this.arn, ":cluster/", ":group/")}/"
  transactional_id_arn_prefix = "${replace(aws_msk_cluster.this.arn, ":cluster/", ":transactional-id/")}/"
}
