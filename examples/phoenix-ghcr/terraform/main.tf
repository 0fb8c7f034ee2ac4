# phoenix-api on ECS with RDS (PostgreSQL), in staging and production. Each resource is a
# terraform_data recording what the AWS provider's resource would get (aws_db_instance,
# aws_secretsmanager_secret for the GHCR pull credentials, aws_ecs_service…), so the configuration plans
# and applies without a provider download.
terraform {
  required_version = ">= 1.7"
}

variable "environments" {
  type    = list(string)
  default = ["staging", "production"]
}

resource "terraform_data" "rds" {
  for_each = toset(var.environments)
  input = {
    identifier                  = "phoenix-api-${each.key}"
    engine                      = "postgres"
    engine_version              = "16.4"
    instance_class              = each.key == "production" ? "db.m7g.large" : "db.t4g.micro"
    manage_master_user_password = true
  }
}

# ECS pulls from ghcr.io with these (a read:packages token), named in repositoryCredentials.
resource "terraform_data" "ghcr_pull_credentials" {
  input = { name = "ghcr-pull-credentials", keys = ["username", "password"] }
}

resource "terraform_data" "service" {
  for_each = toset(var.environments)
  input = {
    cluster           = each.key
    service           = "phoenix-api"
    family            = "phoenix-api"
    container         = "api"
    port              = 4000
    desired_count     = each.key == "production" ? 2 : 1
    health_check_path = "/healthz"
    database          = terraform_data.rds[each.key].input.identifier
  }
}

output "ecs_services" {
  description = "The ECS services this configuration manages"
  value       = [for env in var.environments : terraform_data.service[env].output]
}
