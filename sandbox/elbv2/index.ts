import { AwsServiceError, type AwsOperationContext, type AwsServiceDefinition } from '../core/contract.js';
import { pageOf } from '../core/pagination.js';
import { targetHealthReason, type TargetEntry, type TargetGroup, type TargetGroupStore } from './target-groups.js';

type Params = Record<string, unknown>;

const NOT_REGISTERED = { Reason: 'Target.NotRegistered', Description: 'Target is not registered to the target group' };

const notFound = () => new AwsServiceError('TargetGroupNotFound', 'One or more target groups not found');

function describeTarget(group: TargetGroup, target: Pick<TargetEntry, 'id' | 'port'> & Partial<TargetEntry>, now: number) {
  const reason = target.state ? targetHealthReason({ ...target, state: target.state }, now) : NOT_REGISTERED;
  return {
    Target: { Id: target.id, Port: target.port, ...(target.availabilityZone ? { AvailabilityZone: target.availabilityZone } : {}) },
    HealthCheckPort: String(target.port ?? group.port),
    TargetHealth: { State: target.state ?? 'unused', ...reason },
  };
}

function targetGroupView(group: TargetGroup) {
  return {
    TargetGroupArn: group.arn,
    TargetGroupName: group.name,
    Protocol: group.protocol,
    Port: group.port,
    VpcId: 'vpc-0sandbox0000000000',
    HealthCheckProtocol: group.protocol,
    HealthCheckPort: 'traffic-port',
    HealthCheckEnabled: true,
    HealthCheckIntervalSeconds: 5,
    HealthCheckTimeoutSeconds: 2,
    HealthyThresholdCount: 3,
    UnhealthyThresholdCount: 2,
    HealthCheckPath: '/',
    Matcher: { HttpCode: '200' },
    LoadBalancerArns: [],
    TargetType: 'ip',
    ProtocolVersion: 'HTTP1',
    IpAddressType: 'ipv4',
  };
}

/** Elastic Load Balancing v2 over the query protocol: the target health ECS's tasks produce. */
export function createElbv2Service(store: TargetGroupStore, sync: () => void): AwsServiceDefinition {
  return {
    envName: 'ELASTIC_LOAD_BALANCING_V2',
    iamPrefix: 'elasticloadbalancing',
    protocol: 'query',
    targetPrefix: '2015-12-01',
    xmlNamespace: 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/',
    permissions: {
      // Describe* actions in ELB do not support resource-level permissions.
      DescribeTargetHealth: () => [{ action: 'elasticloadbalancing:DescribeTargetHealth', resources: ['*'] }],
      DescribeTargetGroups: () => [{ action: 'elasticloadbalancing:DescribeTargetGroups', resources: ['*'] }],
    },
    operations: {
      DescribeTargetHealth(params: Params, context: AwsOperationContext) {
        sync();
        const now = context.clock.now();
        const group = store.get(String(params.TargetGroupArn ?? ''));
        if (!group) throw notFound();
        const asked = Array.isArray(params.Targets) ? (params.Targets as Params[]) : undefined;
        const registered = [...group.targets.values()];
        const descriptions = asked
          ? asked.map((t) => {
              const id = String(t.Id ?? '');
              const port = t.Port === undefined ? undefined : Number(t.Port);
              const match = registered.find((r) => r.id === id && (port === undefined || r.port === port));
              return describeTarget(group, match ?? { id, port: port ?? group.port }, now);
            })
          : registered.map((t) => describeTarget(group, t, now));
        return { TargetHealthDescriptions: descriptions };
      },

      DescribeTargetGroups(params: Params) {
        const arns = Array.isArray(params.TargetGroupArns) ? params.TargetGroupArns.map(String) : undefined;
        const names = Array.isArray(params.Names) ? params.Names.map(String) : undefined;
        const loadBalancer = typeof params.LoadBalancerArn === 'string' ? params.LoadBalancerArn : undefined;
        if ([arns, names, loadBalancer].filter((given) => given !== undefined).length > 1)
          throw new AwsServiceError('ValidationError', 'Only one of LoadBalancerArn, TargetGroupArns or Names can be specified.');
        // The sandbox has target groups but no load balancers in front of them.
        if (loadBalancer !== undefined) throw new AwsServiceError('LoadBalancerNotFound', `Load balancer '${loadBalancer}' not found`);
        const groups = store.all().filter((g) => (!arns || arns.includes(g.arn)) && (!names || names.includes(g.name)));
        if ((arns && groups.length < arns.length) || (names && groups.length < names.length)) throw notFound();
        const page = pageOf(groups, {
          token: params.Marker,
          size: params.PageSize,
          sizeName: 'PageSize',
          tokenName: 'Marker',
          defaultSize: 400,
          maxSize: 400,
          errorCode: 'ValidationError',
        });
        return { TargetGroups: page.items.map(targetGroupView), NextMarker: page.next };
      },
    },
  };
}
