# phoenix-api on ECS with RDS (PostgreSQL), in staging and production. Each resource is a
# terraform_data recording what the AWS provider's resource would get (aws_db_instance,
# aws_secretsmanager_secret for the GHCR pull credentials, aws_lb_target_group, aws_codedeploy_app,
# aws_ecs_service with deployment_controller CODE_DEPLOY…), so the configuration plans and applies
# without a provider download.
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

# Blue/green through CodeDeploy: two target groups behind the ALB's production listener (port 443)
# and test listener (port 8443); each release starts a replacement task set behind the idle one, and
# CodeDeploy moves the listeners once it is healthy (aws_lb_target_group, aws_lb_listener).
resource "terraform_data" "target_groups" {
  for_each = toset(var.environments)
  input = {
    names             = ["phoenix-${each.key}-blue", "phoenix-${each.key}-green"]
    port              = 4000
    target_type       = "ip"
    health_check_path = "/healthz"
    listeners         = { production = 443, test = 8443 }
  }
}

# aws_codedeploy_app (compute_platform ECS) and aws_codedeploy_deployment_group: all traffic at once,
# rolled back automatically when a deployment fails, the old task set kept one minute after the switch.
resource "terraform_data" "codedeploy" {
  for_each = toset(var.environments)
  input = {
    application                      = "phoenix-api-${each.key}"
    deployment_group                 = "phoenix-api-${each.key}"
    deployment_config_name           = "CodeDeployDefault.ECSAllAtOnce"
    auto_rollback_events             = ["DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_REQUEST"]
    termination_wait_time_in_minutes = 1
    service_role                     = "arn:aws:iam::123456789012:role/ecsCodeDeployRole"
  }
}

resource "terraform_data" "service" {
  for_each = toset(var.environments)
  input = {
    cluster                     = each.key
    service                     = "phoenix-api"
    family                      = "phoenix-api"
    container                   = "api"
    port                        = 4000
    desired_count               = each.key == "production" ? 2 : 1
    health_check_path           = terraform_data.target_groups[each.key].input.health_check_path
    database                    = terraform_data.rds[each.key].input.identifier
    deployment_controller       = "CODE_DEPLOY"
    target_groups               = terraform_data.target_groups[each.key].input.names
    codedeploy_application      = terraform_data.codedeploy[each.key].input.application
    codedeploy_deployment_group = terraform_data.codedeploy[each.key].input.deployment_group
    termination_wait_minutes    = terraform_data.codedeploy[each.key].input.termination_wait_time_in_minutes
  }
}

output "ecs_services" {
  description = "The ECS services this configuration manages"
  value       = [for env in var.environments : terraform_data.service[env].output]
}
