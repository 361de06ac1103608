terraform {
  # 1.9: validations that compare two variables (the idle timeout against the heartbeat timeout).
  required_version = ">= 1.9"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }

  # Keep the state in S3 in a real account (see terraform/README.md), e.g.:
  # backend "s3" {
  #   bucket       = "<your-state-bucket>"
  #   key          = "switchboard/staging.tfstate"
  #   region       = "eu-west-1"
  #   use_lockfile = true
  # }
}

provider "aws" {
  region = var.aws_region

  default_tags {
    tags = merge({ Project = "switchboard", Environment = "staging" }, var.tags)
  }
}
