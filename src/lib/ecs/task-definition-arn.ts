// No SDK import here: the inputs of ecs-deploy and ecs-rollback use it before the SDK loads.

/** A task definition revision ARN (`…:task-definition/<family>:<revision>`), as ecs-deploy and ecs-rollback accept it. */
export const TASK_DEFINITION_ARN = /^arn:aws[a-z-]*:ecs:[a-z0-9-]+:\d{12}:task-definition\/[A-Za-z0-9_-]{1,255}:[1-9]\d*$/;

/** The family and revision an ARN names, for log lines and summaries. */
export function shortTaskDefinition(arn: string): string {
  return arn.replace(/^.*:task-definition\//, '');
}
