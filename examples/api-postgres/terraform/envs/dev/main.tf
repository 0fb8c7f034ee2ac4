# The dev environment: its own root module and state, so a change reaches dev only through this file.
terraform {
  required_version = ">= 1.7"
}

module "ledger" {
  source         = "../../modules/service"
  environment    = "dev"
  desired_count  = 1
  instance_class = "db.t4g.micro"
}

output "ecs_services" {
  description = "The ECS services this environment manages"
  value       = [module.ledger.ecs_service]
}
