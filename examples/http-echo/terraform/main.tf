# The infrastructure of http-echo in two environments. Each resource is a terraform_data that records
# what the real resource (aws_db_instance, aws_dynamodb_table, aws_sqs_queue, aws_sns_topic,
# aws_ecs_service…) would be given, so this configuration plans and applies anywhere without a
# provider download; swap them for the AWS provider's resources to run it for real.
terraform {
  required_version = ">= 1.7"
}

variable "environments" {
  description = "One ECS cluster (named after the environment) per GitHub environment"
  type        = list(string)
  default     = ["staging", "production"]
}

variable "desired_count" {
  description = "Tasks per environment"
  type        = map(number)
  default     = { staging = 1, production = 2 }
}

resource "terraform_data" "database" {
  for_each = toset(var.environments)
  input = {
    engine            = "postgres"
    engine_version    = "16.4"
    identifier        = "http-echo-${each.key}"
    instance_class    = "db.t4g.micro"
    master_secret_arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:http-echo/${each.key}/db"
  }
}

resource "terraform_data" "table" {
  for_each = toset(var.environments)
  input    = { name = "http-echo-${each.key}-requests", billing_mode = "PAY_PER_REQUEST", hash_key = "id" }
}

resource "terraform_data" "queue" {
  for_each = toset(var.environments)
  input    = { name = "http-echo-${each.key}-events", visibility_timeout_seconds = 30 }
}

resource "terraform_data" "topic" {
  for_each = toset(var.environments)
  input    = { name = "http-echo-${each.key}-notifications", subscriptions = [terraform_data.queue[each.key].input.name] }
}

resource "terraform_data" "service" {
  for_each = toset(var.environments)
  input = {
    cluster           = each.key
    service           = "http-echo"
    family            = "http-echo"
    container         = "http-echo"
    port              = 8080
    desired_count     = var.desired_count[each.key]
    health_check_path = "/health"
    database          = terraform_data.database[each.key].input.identifier
    table             = terraform_data.table[each.key].input.name
    queue             = terraform_data.queue[each.key].input.name
    topic             = terraform_data.topic[each.key].input.name
  }
}

output "ecs_services" {
  description = "The ECS services this configuration manages, for the deploy workflow and its tests"
  value       = [for env in var.environments : terraform_data.service[env].output]
}
