# Two roles, each with only what it needs:
# - the execution role is used by ECS itself to start the task: pull the image from its one repository, write to
#   the task's log group, and read the secrets named in var.secret_arns (the JWT key) and nothing else;
# - the task role is what the Switchboard process (and the metrics agent) run as: Kafka on the one MSK cluster,
#   limited to Switchboard's topics, groups and transactional ids, and the metrics log group.

data "aws_region" "current" {}
data "aws_caller_identity" "current" {}

data "aws_iam_policy_document" "ecs_tasks_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }

    # Only tasks of this account may take the role (confused deputy).
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_iam_role" "execution" {
  name_prefix        = "${substr(var.name, 0, 32)}-exec-"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
  tags               = var.tags
}

data "aws_iam_policy_document" "execution" {
  statement {
    sid       = "EcrLogin"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"] # this action has no resource-level permissions
  }

  statement {
    sid       = "PullImage"
    actions   = ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    resources = [var.ecr_repository_arn]
  }

  statement {
    sid       = "WriteLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.this.arn}:log-stream:*"]
  }

  dynamic "statement" {
    for_each = length(var.secret_arns) > 0 ? [1] : []
    content {
      sid       = "ReadOwnSecrets"
      actions   = ["secretsmanager:GetSecretValue"]
      resources = distinct(values(var.secret_arns))
    }
  }

  dynamic "statement" {
    for_each = length(var.secrets_kms_key_arns) > 0 ? [1] : []
    content {
      sid       = "DecryptOwnSecrets"
      actions   = ["kms:Decrypt"]
      resources = var.secrets_kms_key_arns

      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["secretsmanager.${data.aws_region.current.name}.amazonaws.com"]
      }
    }
  }
}

resource "aws_iam_role_policy" "execution" {
  name   = "start-task"
  role   = aws_iam_role.execution.id
  policy = data.aws_iam_policy_document.execution.json
}

resource "aws_iam_role" "task" {
  name_prefix        = "${substr(var.name, 0, 32)}-task-"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
  tags               = var.tags
}

locals {
  topic_arns = {
    read   = [for t in var.kafka_access.read_topics : "${var.kafka.topic_arn_prefix}${t}"]
    write  = [for t in var.kafka_access.write_topics : "${var.kafka.topic_arn_prefix}${t}"]
    manage = [for t in var.kafka_access.manage_topics : "${var.kafka.topic_arn_prefix}${t}"]
  }
  group_arns            = [for g in var.kafka_access.groups : "${var.kafka.group_arn_prefix}${g}"]
  transactional_id_arns = [for t in var.kafka_access.transactional_ids : "${var.kafka.transactional_id_arn_prefix}${t}"]
}

# kafka-cluster actions (MSK IAM access control). Each action also needs the ones the MSK documentation lists as
# required with it (Connect for all, DescribeTopic for ReadData and WriteData, DescribeGroup for AlterGroup,
# DescribeTransactionalId for AlterTransactionalId), which these statements include.
data "aws_iam_policy_document" "task" {
  statement {
    sid = "ConnectToCluster"
    actions = concat(
      ["kafka-cluster:Connect", "kafka-cluster:DescribeCluster"],
      length(var.kafka_access.write_topics) > 0 ? ["kafka-cluster:WriteDataIdempotently"] : [],
    )
    resources = [var.kafka.cluster_arn]
  }

  dynamic "statement" {
    for_each = length(local.topic_arns.read) > 0 ? [1] : []
    content {
      sid       = "ReadTopics"
      actions   = ["kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"]
      resources = local.topic_arns.read
    }
  }

  dynamic "statement" {
    for_each = length(local.topic_arns.write) > 0 ? [1] : []
    content {
      sid       = "WriteTopics"
      actions   = ["kafka-cluster:DescribeTopic", "kafka-cluster:WriteData"]
      resources = local.topic_arns.write
    }
  }

  dynamic "statement" {
    for_each = length(local.topic_arns.manage) > 0 ? [1] : []
    content {
      sid = "ManageOwnTopics"
      actions = [
        "kafka-cluster:CreateTopic",
        "kafka-cluster:DescribeTopic",
        "kafka-cluster:AlterTopic",
        "kafka-cluster:DescribeTopicDynamicConfiguration",
        "kafka-cluster:AlterTopicDynamicConfiguration",
        "kafka-cluster:DeleteTopic", # DeleteRecords: Kafka Streams purges its repartition topics
      ]
      resources = local.topic_arns.manage
    }
  }

  dynamic "statement" {
    for_each = length(local.group_arns) > 0 ? [1] : []
    content {
      sid       = "ConsumerGroups"
      actions   = ["kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup"]
      resources = local.group_arns
    }
  }

  dynamic "statement" {
    for_each = length(local.transactional_id_arns) > 0 ? [1] : []
    content {
      sid       = "Transactions"
      actions   = ["kafka-cluster:DescribeTransactionalId", "kafka-cluster:AlterTransactionalId"]
      resources = local.transactional_id_arns
    }
  }

  dynamic "statement" {
    for_each = var.connections_scaling == null ? [] : [1]
    content {
      sid       = "PublishConnectionMetric"
      actions   = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"]
      resources = [aws_cloudwatch_log_group.metrics[0].arn, "${aws_cloudwatch_log_group.metrics[0].arn}:log-stream:*"]
    }
  }
}

resource "aws_iam_role_policy" "task" {
  name   = "switchboard-${var.component}"
  role   = aws_iam_role.task.id
  policy = data.aws_iam_policy_document.task.json
}
