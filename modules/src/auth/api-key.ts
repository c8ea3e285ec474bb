import { ApiGatewayApiKey } from '@cdktf/provider-aws/lib/api-gateway-api-key/index.js';
import { ApiGatewayUsagePlan } from '@cdktf/provider-aws/lib/api-gateway-usage-plan/index.js';
import { ApiGatewayUsagePlanKey } from '@cdktf/provider-aws/lib/api-gateway-usage-plan-key/index.js';
import { Construct } from 'constructs';

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
    this.key = new ApiGatewayApiKey(this, 'key', { name: `${props.name}-client`, enabled: true, tags: props.tags });
    const plan = new ApiGatewayUsagePlan(this, 'plan', {
      name: `${props.name}-plan`,
      apiStages: [{ apiId: props.restApiId, stage: props.stageName }],
      throttleSettings: { rateLimit: props.rateLimit, burstLimit: props.burstLimit },
      ...(props.quotaPerDay > 0 ? { quotaSettings: { limit: props.quotaPerDay, period: 'DAY' } } : {}),
      tags: props.tags,
    });
    new ApiGatewayUsagePlanKey(this, 'plan-key', { keyId: this.key.id, keyType: 'API_KEY', usagePlanId: plan.id });
  }
}
