import { ToolError, defineTool } from '@serverless-mcp/handler-kit';
import * as z from 'zod';
import type { Dependencies } from '../dependencies.ts';
import { Weather } from '../weather.ts';

export const getWeatherTool = ({ weather }: Dependencies) =>
  defineTool({
    name: 'get_weather',
    title: 'Current weather',
    description: 'Current weather for a city: condition, temperature (°C and °F), humidity, wind. Demo data, not a live forecast.',
    input: z.object({ city: z.string().trim().min(1).max(100).describe('City name, e.g. London') }),
    output: Weather,
    annotations: { readOnlyHint: true, openWorldHint: false },
    scopes: ['utilities:read'],
    handler: async ({ city }) => {
      const found = await weather.current(city);
      if (found) return found;
      // Naming the known cities lets the model correct a typo or tell the user what is covered.
      const known = await weather.cities();
      throw new ToolError(`No weather data for "${city}". Cities with data: ${known.join(', ')}.`);
    },
  });
