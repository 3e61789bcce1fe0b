import { z } from 'zod';

// What the device-location routes take (the AML body itself is parsed by parse-aml.ts).

export const ZAmlQuery = z.object({ from: z.string().max(40).optional() });

export const ZPhoneQuery = z.object({ phone: z.string().trim().min(3).max(40) });
