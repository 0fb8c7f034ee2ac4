# storefront (Rails + Sidekiq + nginx in one task) in staging and production. Each resource is a
# terraform_data recording what the AWS provider's resource would get (aws_ecr_repository,
# aws_elasticache_replication_group, aws_ssm_parameter, aws_ecs_service…), so the configuration plans
# and applies without a provider download.
terraform {
  required_version = ">= 1.7"
}

variable "environments" {
  type    = list(string)
  default = ["staging", "production"]
}

# One repository per image: web and worker are two targets of one Dockerfile.
resource "terraform_data" "repositories" {
  input = { names = ["storefront-web", "storefront-worker"], image_tag_mutability = "IMMUTABLE", scan_on_push = true }
}

resource "terraform_data" "redis" {
  for_each = toset(var.environments)
  input    = { replication_group_id = "storefront-${each.key}", engine = "valkey", node_type = "cache.t4g.micro" }
}

resource "terraform_data" "parameters" {
  for_each = toset(var.environments)
  input = {
    "/storefront/${each.key}/redis-url" = "rediss://${terraform_data.redis[each.key].input.replication_group_id}.cache.amazonaws.com:6379"
  }
}

resource "terraform_data" "service" {
  for_each = toset(var.environments)
  input = {
    cluster           = each.key
    service           = "storefront"
    family            = "storefront"
    container         = "nginx"
    port              = 80
    desired_count     = each.key == "production" ? 2 : 1
    health_check_path = "/up"
  }
}

output "ecs_services" {
  description = "The ECS services this configuration manages"
  value       = [for env in var.environments : terraform_data.service[env].output]
}
