import type { ServiceDeploymentRecord } from './records.js';

/**
 * CloudWatch alarms as ECS deployments see them (deploymentConfiguration.alarms). The sandbox holds
 * only each alarm's state, set by admin; there is no metric behind it.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-alarm-failure.html
 */
export type AlarmState = 'OK' | 'ALARM';

export class AlarmStates {
  private readonly states = new Map<string, AlarmState>();

  set(name: string, state: AlarmState): void {
    this.states.set(name, state);
  }

  /** An alarm nobody set is OK (CloudWatch would say INSUFFICIENT_DATA, which does not fail a deployment either). */
  get(name: string): AlarmState {
    return this.states.get(name) ?? 'OK';
  }
}

/** Alarm monitoring state a new service deployment starts with: the alarms already in ALARM do not count. */
export function startAlarmMonitoring(record: ServiceDeploymentRecord, alarms: AlarmStates): void {
  const { enable, alarmNames } = record.configuration.alarms;
  record.alarmsStatus = enable && alarmNames.length > 0 ? 'MONITORING' : 'DISABLED';
  // ECS ignores alarms that are already in ALARM when the deployment starts; they count once they go OK and back.
  record.alarmsIgnored = new Set(alarmNames.filter((name) => alarms.get(name) === 'ALARM'));
}

/** The alarms of a monitored deployment that went into ALARM during it (empty while none did). */
export function triggeredAlarms(record: ServiceDeploymentRecord, alarms: AlarmStates): string[] {
  if (record.alarmsStatus !== 'MONITORING') return [];
  const ignored = record.alarmsIgnored ?? new Set<string>();
  for (const name of [...ignored]) if (alarms.get(name) === 'OK') ignored.delete(name);
  return record.configuration.alarms.alarmNames.filter((name) => alarms.get(name) === 'ALARM' && !ignored.has(name));
}

/** A deployment that ended (completed, stopped, superseded) stops watching its alarms. */
export function endAlarmMonitoring(record: ServiceDeploymentRecord): void {
  if (record.alarmsStatus === 'MONITORING') record.alarmsStatus = 'MONITORING_COMPLETE';
}
