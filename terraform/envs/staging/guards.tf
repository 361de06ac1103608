# The JWT key reaches the gateways only from Secrets Manager: jwt_secret_arn must be a secret's ARN, and a value
# that is not one (the key itself, pasted by mistake) stops the plan without being printed or used anywhere.
# terraform_data is built into Terraform: this check needs no provider.

locals {
  secrets_manager_arn_pattern = "^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6}$"
  jwt_secret_arn_valid        = nonsensitive(can(regex(local.secrets_manager_arn_pattern, var.jwt_secret_arn)))
  # Only a valid ARN leaves this file unmasked (an ARN is no secret); anything else is replaced, never passed on.
  jwt_secret_arn = local.jwt_secret_arn_valid ? nonsensitive(var.jwt_secret_arn) : "rejected-see-jwt_secret_arn"
}

resource "terraform_data" "jwt_secret_arn_check" {
  lifecycle {
    precondition {
      condition     = local.jwt_secret_arn_valid
      error_message = "jwt_secret_arn must be the full ARN of a Secrets Manager secret (arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 characters>), not the JWT key itself: store the key in Secrets Manager (aws secretsmanager create-secret --name switchboard/staging/jwt --secret-string ...) and pass the ARN it prints. The value given is not shown."
    }
  }
}
