import { ApiGatewayApiKey } from '@cdktf/provider-aws/lib/api-gateway-api-key/index.js';
import { ApiGatewayUsagePlan } from '@cdktf/provider-aws/lib/api-gateway-usage-plan/index.js';
import { ApiGatewayUsagePlanKey } from '@cdktf/provider-aws/lib/api-gateway-usage-plan-key/index.js';
import { Fn, Op, Token } from 'cdktf';
import { Construct } from 'constructs';
import { named } from '../address.ts';

export interface ApiKeyAuthProps {
  name: string;
  restApiId: string;
  stageName: string;
  rateLimit: number;
  burstLimit: number;
  /** Requests per day per key; 0 = no quota. */
  quotaPerDay: number;
  tags: Record<string, string>;
}

/** API Gateway API keys with a usage plan (throttle and quota): clients send X-Api-Key. */
export class ApiKeyAuth extends Construct {
  readonly key: ApiGatewayApiKey;

  constructor(scope: Construct, id: string, props: ApiKeyAuthProps) {
    super(scope, id);
    this.key = named(new ApiGatewayApiKey(this, 'key', { name: `${props.name}-client`, enabled: true, tags: props.tags }), 'this');
    const plan = named(new ApiGatewayUsagePlan(this, 'plan', {
      name: `${props.name}-plan`,
      apiStages: [{ apiId: props.restApiId, stage: props.stageName }],
      throttleSettings: { rateLimit: props.rateLimit, burstLimit: props.burstLimit },
      ...(!Token.isUnresolved(props.quotaPerDay) && props.quotaPerDay > 0 ? { quotaSettings: { limit: props.quotaPerDay, period: 'DAY' } } : {}),
      tags: props.tags,
    }), 'this');
    // A quota only when one is set (0 = none): a dynamic block when the number is a Terraform value (the
    // block takes at most one item, which cdktf's typed setter cannot express as dynamic).
    if (Token.isUnresolved(props.quotaPerDay)) {
      plan.addOverride('dynamic.quota_settings', {
        for_each: Fn.conditional(Op.gte(props.quotaPerDay, 1), [props.quotaPerDay], []),
        content: { limit: '${quota_settings.value}', period: 'DAY' },
      });
    }
    named(new ApiGatewayUsagePlanKey(this, 'plan-key', { keyId: this.key.id, keyType: 'API_KEY', usagePlanId: plan.id }), 'this');
  }
}
