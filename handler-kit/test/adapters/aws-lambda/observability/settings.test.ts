import { describe, expect, it } from 'vitest';
import { LEVELS, observabilitySettings } from '../../../../src/adapters/aws-lambda/observability/settings.ts';

const settings = (env: Record<string, string>, options = {}) => observabilitySettings(options, env);

describe('log level, as Powertools resolves it', () => {
  it('defaults to INFO', () => {
    expect(settings({}).threshold).toBe(LEVELS.INFO);
  });

  it('takes POWERTOOLS_LOG_LEVEL before LOG_LEVEL, in any case', () => {
    expect(settings({ LOG_LEVEL: 'debug' }).threshold).toBe(LEVELS.DEBUG);
    expect(settings({ POWERTOOLS_LOG_LEVEL: 'ERROR', LOG_LEVEL: 'DEBUG' }).threshold).toBe(LEVELS.ERROR);
    expect(settings({ POWERTOOLS_LOG_LEVEL: ' ', LOG_LEVEL: 'WARN' }).threshold).toBe(LEVELS.WARN);
  });

  it('takes the option before the environment', () => {
    expect(settings({ LOG_LEVEL: 'DEBUG' }, { logLevel: 'silent' }).threshold).toBe(LEVELS.SILENT);
  });

  it("lets Lambda's advanced logging controls (AWS_LAMBDA_LOG_LEVEL) win, FATAL meaning CRITICAL, and warns of the mismatch", () => {
    const s = settings({ AWS_LAMBDA_LOG_LEVEL: 'WARN', LOG_LEVEL: 'DEBUG' }, {});
    expect(s.threshold).toBe(LEVELS.WARN);
    expect(s.lambdaLevel).toBe('WARN');
    expect(s.warnings.join()).toContain('does not match AWS Lambda Advanced Logging Controls minimum log level (WARN)');
    expect(settings({ AWS_LAMBDA_LOG_LEVEL: 'FATAL' }, { logLevel: 'TRACE' }).threshold).toBe(LEVELS.CRITICAL);
    expect(settings({ AWS_LAMBDA_LOG_LEVEL: 'DEBUG', LOG_LEVEL: 'ERROR' }).warnings).toEqual([]);
  });

  it('falls back to INFO on an unknown level, and says so', () => {
    const s = settings({ LOG_LEVEL: 'LOUD' });
    expect(s.threshold).toBe(LEVELS.INFO);
    expect(s.warnings).toEqual(['Unknown log level "LOUD": INFO is used.']);
  });
});

describe('service, namespace and switches', () => {
  it('names the service from the option, POWERTOOLS_SERVICE_NAME, the function name, then mcp-server', () => {
    expect(settings({ POWERTOOLS_SERVICE_NAME: 'pt', AWS_LAMBDA_FUNCTION_NAME: 'fn' }, { serviceName: 'opt' }).service).toBe('opt');
    expect(settings({ POWERTOOLS_SERVICE_NAME: 'pt', AWS_LAMBDA_FUNCTION_NAME: 'fn' }).service).toBe('pt');
    expect(settings({ POWERTOOLS_SERVICE_NAME: '', AWS_LAMBDA_FUNCTION_NAME: 'fn' }).service).toBe('fn');
    expect(settings({}).service).toBe('mcp-server');
  });

  it('takes the namespace from the option, POWERTOOLS_METRICS_NAMESPACE, then MCP', () => {
    expect(settings({ POWERTOOLS_METRICS_NAMESPACE: 'Env' }, { namespace: 'Opt' }).namespace).toBe('Opt');
    expect(settings({ POWERTOOLS_METRICS_NAMESPACE: 'Env' }).namespace).toBe('Env');
    expect(settings({}).namespace).toBe('MCP');
  });

  it('stops metrics with POWERTOOLS_METRICS_DISABLED (Powertools booleans) or in POWERTOOLS_DEV unless told otherwise', () => {
    for (const yes of ['true', 'TRUE', '1', 'yes', 'on', 't', 'y']) expect(settings({ POWERTOOLS_METRICS_DISABLED: yes }).metrics).toBe(false);
    for (const no of ['false', '0', 'no', 'off']) expect(settings({ POWERTOOLS_METRICS_DISABLED: no }).metrics).toBe(true);
    expect(settings({}).metrics).toBe(true);
    expect(settings({ POWERTOOLS_DEV: 'true' }).metrics).toBe(false);
    expect(settings({ POWERTOOLS_DEV: 'true', POWERTOOLS_METRICS_DISABLED: 'false' }).metrics).toBe(true);
    expect(settings({}, { metrics: false }).metrics).toBe(false);
  });

  it('indents lines only in POWERTOOLS_DEV', () => {
    expect(settings({}).indent).toBe(0);
    expect(settings({ POWERTOOLS_DEV: '1' }).indent).toBe(4);
  });

  it('counts cold starts only for on-demand initialisation, as Powertools does', () => {
    expect(settings({ AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand' }).countsColdStart).toBe(true);
    expect(settings({ AWS_LAMBDA_INITIALIZATION_TYPE: 'provisioned-concurrency' }).countsColdStart).toBe(false);
    expect(settings({}).countsColdStart).toBe(false);
    expect(settings({ POWERTOOLS_METRICS_FUNCTION_NAME: 'alias' }).coldStartFunctionName).toBe('alias');
  });

  it('takes a sample rate from 0 to 1 from the option or POWERTOOLS_LOGGER_SAMPLE_RATE, and refuses others', () => {
    expect(settings({ POWERTOOLS_LOGGER_SAMPLE_RATE: '0.25' }).sampleRate).toBe(0.25);
    expect(settings({ POWERTOOLS_LOGGER_SAMPLE_RATE: '0.25' }, { sampleRate: 1 }).sampleRate).toBe(1);
    const bad = settings({ POWERTOOLS_LOGGER_SAMPLE_RATE: 'lots' });
    expect(bad.sampleRate).toBe(0);
    expect(bad.warnings.join()).toContain('sample rate');
    expect(settings({}, { sampleRate: 2 }).sampleRate).toBe(0);
  });
});
