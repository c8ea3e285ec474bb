import { Wafv2WebAcl } from '@cdktf/provider-aws/lib/wafv2-web-acl/index.js';
import { Wafv2WebAclAssociation } from '@cdktf/provider-aws/lib/wafv2-web-acl-association/index.js';
import { Construct } from 'constructs';
import { named } from '../address.ts';

export interface RateLimitAclProps {
  name: string;
  /** The API Gateway stage to protect. */
  stageArn: string;
  /** Requests per client address per 5 minutes (AWS WAF's minimum is 10). */
  registerLimit: number;
  tokenLimit: number;
  tags: Record<string, string>;
}

/**
 * An optional AWS WAF web ACL on the stage: per client IP address, at most `registerLimit` POST /register
 * and `tokenLimit` POST /token requests in any 5 minutes, then 429 until the rate falls. Stage throttles
 * are shared by every caller; this one stops a single address from using them all up. Costs a monthly
 * fee per web ACL and rule plus a charge per million requests (README).
 */
export class RateLimitAcl extends Construct {
  readonly acl: Wafv2WebAcl;

  constructor(scope: Construct, id: string, props: RateLimitAclProps) {
    super(scope, id);
    const visibility = (metric: string) => ({ cloudwatch_metrics_enabled: true, metric_name: metric, sampled_requests_enabled: false });
    const perAddress = (priority: number, key: string, path: string, limit: number) => ({
      name: `${key}-per-ip`,
      priority,
      action: [{ block: [{ custom_response: [{ response_code: 429 }] }] }],
      statement: [{
        rate_based_statement: [{
          limit,
          aggregate_key_type: 'IP',
          scope_down_statement: [{
            byte_match_statement: [{
              search_string: path,
              positional_constraint: 'EXACTLY',
              field_to_match: [{ uri_path: [{}] }],
              text_transformation: [{ priority: 0, type: 'NONE' }],
            }],
          }],
        }],
      }],
      visibility_config: [visibility(`${key}-per-ip`)],
    });
    this.acl = named(new Wafv2WebAcl(this, 'acl', {
      name: `${props.name}-front-door`,
      description: 'Per-address rate limits on client registration and the token endpoint',
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      // Sampled requests would keep request headers: off.
      visibilityConfig: { cloudwatchMetricsEnabled: true, metricName: `${props.name}-front-door`, sampledRequestsEnabled: false },
      tags: props.tags,
    }), 'this');
    // Written as Terraform's own blocks: the nested rule statements are deeper than the bindings' types.
    this.acl.addOverride('rule', [perAddress(1, 'register', '/register', props.registerLimit), perAddress(2, 'token', '/token', props.tokenLimit)]);
    named(new Wafv2WebAclAssociation(this, 'association', { resourceArn: props.stageArn, webAclArn: this.acl.arn }), 'this');
  }
}
