# orders-api (FastAPI) on Fargate behind an ALB, in staging and production. Each resource is a
# terraform_data recording what the AWS provider's resource would get (aws_lb_target_group,
# aws_cloudwatch_metric_alarm, aws_appautoscaling_policy, aws_ecs_service…), so the configuration plans
# and applies without a provider download.
terraform {
  required_version = ">= 1.7"
}

locals {
  environments = {
    staging    = { min = 1, max = 2 }
    production = { min = 2, max = 10 }
  }
}

# Blue/green, ECS-native: production traffic goes to one target group through a listener rule; a
# release starts green behind the alternate one and ECS moves the rule once green is healthy
# (aws_lb_target_group ×2, aws_lb_listener_rule, and the infrastructure role ECS moves it with).
resource "terraform_data" "target_group" {
  for_each = local.environments
  input = {
    name                = "orders-api-${each.key}"
    alternate_name      = "orders-api-${each.key}-alt"
    listener_rule       = "orders-api-${each.key}-production"
    infrastructure_role = "arn:aws:iam::123456789012:role/ecsInfrastructureRoleForLoadBalancers"
    port                = 8000
    target_type         = "ip"
    health_check_path   = "/api/v1/health"
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }
}

# The deployment alarm: ECS rolls a release back when it fires during the deployment, bake time included.
resource "terraform_data" "alarm_5xx" {
  for_each = local.environments
  input = {
    alarm_name          = "orders-api-${each.key}-5xx"
    metric_name         = "HTTPCode_Target_5XX_Count"
    namespace           = "AWS/ApplicationELB"
    statistic           = "Sum"
    period              = 60
    evaluation_periods  = 2
    threshold           = 5
    comparison_operator = "GreaterThanThreshold"
  }
}

resource "terraform_data" "autoscaling" {
  for_each = local.environments
  input = {
    min_capacity = each.value.min
    max_capacity = each.value.max
    policy       = "TargetTrackingScaling"
    metric       = "ECSServiceAverageCPUUtilization"
    target_value = 60
  }
}

resource "terraform_data" "service" {
  for_each = local.environments
  input = {
    cluster           = each.key
    service           = "orders-api"
    family            = "orders-api"
    container         = "api"
    port              = 8000
    desired_count     = each.value.min
    health_check_path = terraform_data.target_group[each.key].input.health_check_path
    alarms            = [terraform_data.alarm_5xx[each.key].input.alarm_name]
    # deployment_configuration { strategy = "BLUE_GREEN", bake_time_in_minutes = 1 }: blue keeps
    # running for a minute after the switch, so a release that trips the alarm goes straight back.
    strategy             = "BLUE_GREEN"
    bake_time_in_minutes = 1
  }
}

output "ecs_services" {
  description = "The ECS services this configuration manages"
  value       = [for env in keys(local.environments) : terraform_data.service[env].output]
}
