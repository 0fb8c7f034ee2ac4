# One environment of ledger-api: its database, the rotated database secret, its SSM parameters and
# the ECS service. Each resource is a terraform_data recording what the AWS provider's resource would
# get (aws_db_instance, aws_secretsmanager_secret_rotation, aws_ssm_parameter, aws_ecs_service…), so
# the configuration plans and applies without a provider download.
variable "environment" {
  description = "dev, stage or prod: the GitHub environment and the ECS cluster"
  type        = string
}

variable "desired_count" {
  type    = number
  default = 1
}

variable "instance_class" {
  type    = string
  default = "db.t4g.micro"
}

resource "terraform_data" "database" {
  input = {
    identifier     = "ledger-${var.environment}"
    engine         = "postgres"
    engine_version = "16.4"
    instance_class = var.instance_class
  }
}

# The credentials as JSON ({"username", "password", "host", "dbname"}); the task reads single keys.
resource "terraform_data" "database_secret" {
  input = {
    name              = "ledger/${var.environment}/database"
    arn               = "arn:aws:secretsmanager:us-east-1:123456789012:secret:ledger/${var.environment}/database"
    rotation_lambda   = "SecretsManagerRDSPostgreSQLRotationSingleUser"
    rotate_after_days = 30
    rotated_for_db    = terraform_data.database.input.identifier
  }
}

resource "terraform_data" "parameters" {
  input = {
    "/ledger/${var.environment}/db-host" = "${terraform_data.database.input.identifier}.cluster-abc.us-east-1.rds.amazonaws.com"
    "/ledger/${var.environment}/db-name" = "ledger"
  }
}

resource "terraform_data" "service" {
  input = {
    cluster           = var.environment
    service           = "ledger-api"
    family            = "ledger-api"
    container         = "api"
    port              = 8080
    desired_count     = var.desired_count
    health_check_path = "/health"
  }
}

output "ecs_service" {
  value = terraform_data.service.output
}
