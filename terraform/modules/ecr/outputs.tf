output "repository_url" {
  description = "Where to push the image: <account>.dkr.ecr.<region>.amazonaws.com/<name>; tasks run repository_url:<tag>."
  value       = aws_ecr_repository.this.repository_url
}

output "repository_arn" {
  description = "The repository's ARN (the resource of the execution roles' image pull permissions)."
  value       = aws_ecr_repository.this.arn
}
