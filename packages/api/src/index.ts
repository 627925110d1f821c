export { configFromEnv, trustedProxiesFromEnv, noCookies, type ApiConfig, type ApiContext, type RequestMeta, type SessionCookieWriter } from './context.ts';
export { appRouter, createCaller, type AppRouter, type RouterInputs, type RouterOutputs } from './root.ts';
export { expireReservations, shipToColumns } from './services/purchases.ts';
export { startBackgroundWork, workerIndex } from './background.ts';
export { processPhoto } from './services/photo-files.ts';
export { logEvent, logError } from './log.ts';
export { csvTemplate } from './services/inventory.ts';
export { largestPlaces, resolveLocation, searchPlaces, locationColumns } from './services/places.ts';
