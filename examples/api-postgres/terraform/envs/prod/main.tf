# The prod environment: its own root module and state, so a change reaches prod only through this file.
terraform {
  required_version = ">= 1.7"
}

module "ledger" {
  source         = "../../modules/service"
  environment    = "prod"
  desired_count  = 3
  instance_class = "db.m7g.large"
}

output "ecs_services" {
  description = "The ECS services this environment manages"
  value       = [module.ledger.ecs_service]
}
