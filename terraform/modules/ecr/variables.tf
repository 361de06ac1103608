variable "name" {
  description = "Repository name, e.g. switchboard."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9]+([._/-][a-z0-9]+)*$", var.name)) && length(var.name) <= 256
    error_message = "name must be a valid ECR repository name: lowercase letters and digits, separated by '.', '_', '-' or '/'."
  }
}

variable "immutable_tags" {
  description = "Refuse to overwrite an existing tag (push each build under its own tag, e.g. the git commit). Tasks then always run the image they were deployed with."
  type        = bool
  default     = true
}

variable "keep_tagged_images" {
  description = "How many tagged images to keep; older ones are expired by the lifecycle policy (keep enough to roll back)."
  type        = number
  default     = 30

  validation {
    condition     = var.keep_tagged_images >= 1
    error_message = "keep_tagged_images must be at least 1."
  }
}

variable "untagged_expiry_days" {
  description = "Days after which untagged images (layers of overwritten or failed pushes) are expired."
  type        = number
  default     = 7

  validation {
    condition     = var.untagged_expiry_days >= 1
    error_message = "untagged_expiry_days must be at least 1."
  }
}

variable "force_delete" {
  description = "Let `terraform destroy` delete the repository even when it holds images (staging: true; production: false)."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
