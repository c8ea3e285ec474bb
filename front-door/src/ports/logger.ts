/** One line per step (`authorize`, `callback`, `token`...), with the client id and the outcome; never a secret. */
export interface FrontDoorLogger {
  info(step: string, fields: Record<string, unknown>): void;
  warn(step: string, fields: Record<string, unknown>): void;
  error(step: string, fields: Record<string, unknown>): void;
}

export const consoleLogger = (service = 'front-door'): FrontDoorLogger => {
  const line = (level: string, step: string, fields: Record<string, unknown>) =>
    JSON.stringify({ level, service, step, time: new Date().toISOString(), ...fields });
  return {
    info: (step, fields) => console.log(line('info', step, fields)),
    warn: (step, fields) => console.warn(line('warn', step, fields)),
    error: (step, fields) => console.error(line('error', step, fields)),
  };
};

export const silentLogger: FrontDoorLogger = { info() {}, warn() {}, error() {} };
