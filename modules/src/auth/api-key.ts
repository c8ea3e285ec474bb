import { ApiGatewayApiKey } from '@cdktf/provider-aws/lib/api-gateway-api-key/index.js';
import { ApiGatewayUsagePlan, type ApiGatewayUsagePlanQuotaSettings } from '@cdktf/provider-aws/lib/api-gateway-usage-plan/index.js';
import { ApiGatewayUsagePlanKey } from '@cdktf/provider-aws/lib/api-gateway-usage-plan-key/index.js';
import { TerraformIterator, Token, Fn, Op } from 'cdktf';
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

/** A daily quota when one is set (0 = none); a dynamic block when the number is a Terraform value. */
function quota(perDay: number): { quotaSettings?: ApiGatewayUsagePlanQuotaSettings } {
  if (!Token.isUnresolved(perDay)) return perDay > 0 ? { quotaSettings: { limit: perDay, period: 'DAY' } } : {};
  const each = TerraformIterator.fromList(Fn.conditional(Op.gt(perDay, 0), [perDay], []));
  return { quotaSettings: each.dynamic({ limit: each.value, period: 'DAY' }) as unknown as ApiGatewayUsagePlanQuotaSettings };
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
      ...quota(props.quotaPerDay),
      tags: props.tags,
    });
    new ApiGatewayUsagePlanKey(this, 'plan-key', { keyId: this.key.id, keyType: 'API_KEY', usagePlanId: plan.id });
  }
}
