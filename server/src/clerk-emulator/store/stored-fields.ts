import { z } from 'zod';

/** The fields every stored record shares the shape of; the store's JSON keeps times as epoch milliseconds. */
export const Metadata = z.record(z.string(), z.unknown());
export const Timestamp = z.number().int();
