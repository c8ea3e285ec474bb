import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate/index.js';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation/index.js';
import { ApiGatewayBasePathMapping } from '@cdktf/provider-aws/lib/api-gateway-base-path-mapping/index.js';
import { ApiGatewayDomainName } from '@cdktf/provider-aws/lib/api-gateway-domain-name/index.js';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record/index.js';
import { Construct } from 'constructs';
import { named } from './address.ts';
import { choose, mayExist, onlyWhen, type Toggle } from './conditions.ts';

export interface CustomDomainProps {
  domainName: string;
  hostedZoneId: string;
  /** An existing certificate (same Region as the API). A DNS-validated one is created otherwise. */
  certificateArn?: string;
  /** Whether to create the certificate when only known at plan time. Default: unless certificateArn is given. */
  createCertificate?: Toggle;
  restApiId: string;
  stageName: string;
  tags: Record<string, string>;
}

/**
 * The server on its own domain: an ACM certificate validated through Route53, a regional API Gateway
 * domain (dual-stack) mapped at the root (so /.well-known/* is where clients look for it), and A/AAAA alias records.
 */
export class CustomDomain extends Construct {
  readonly origin: string;
  readonly domain: ApiGatewayDomainName;
  /** The certificate the domain uses (created here, or the one given). */
  readonly certificateArn: string;

  constructor(scope: Construct, id: string, props: CustomDomainProps) {
    super(scope, id);
    const createCertificate = props.createCertificate ?? !props.certificateArn;
    let certificateArn = props.certificateArn;
    if (mayExist(createCertificate)) {
      const group = new Construct(this, 'new-certificate');
      const cert = named(new AcmCertificate(group, 'certificate', {
        domainName: props.domainName,
        validationMethod: 'DNS',
        tags: props.tags,
        lifecycle: { createBeforeDestroy: true },
      }), 'this');
      // One domain, one validation record: a static key rather than for_each over
      // domain_validation_options, whose keys are unknown until apply (for_each fails in CDKTF).
      const option = cert.domainValidationOptions.get(0);
      const record = named(new Route53Record(group, 'validation', {
        zoneId: props.hostedZoneId,
        name: option.resourceRecordName,
        type: option.resourceRecordType,
        records: [option.resourceRecordValue],
        ttl: 60,
        allowOverwrite: true,
      }), 'validation');
      const validated = named(new AcmCertificateValidation(group, 'validated', {
        certificateArn: cert.arn,
        validationRecordFqdns: [record.fqdn],
      }), 'this');
      onlyWhen(createCertificate, group);
      certificateArn = choose(createCertificate, validated.certificateArn, props.certificateArn);
    }
    this.certificateArn = certificateArn!;
    this.domain = named(new ApiGatewayDomainName(this, 'domain', {
      domainName: props.domainName,
      regionalCertificateArn: certificateArn!,
      // Dual-stack, so the AAAA alias below points at an address that answers over IPv6.
      endpointConfiguration: { types: ['REGIONAL'], ipAddressType: 'dualstack' },
      securityPolicy: 'TLS_1_2',
      tags: props.tags,
    }), 'this');
    named(new ApiGatewayBasePathMapping(this, 'mapping', {
      apiId: props.restApiId,
      stageName: props.stageName,
      domainName: this.domain.domainName,
    }), 'this');
    for (const type of ['A', 'AAAA']) {
      named(new Route53Record(this, `alias-${type.toLowerCase()}`, {
        zoneId: props.hostedZoneId,
        name: props.domainName,
        type,
        alias: { name: this.domain.regionalDomainName, zoneId: this.domain.regionalZoneId, evaluateTargetHealth: false },
      }), type.toLowerCase());
    }
    this.origin = `https://${props.domainName}`;
  }
}
