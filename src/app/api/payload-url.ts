// The enterprise payload's address, in a module of its own: the app's small entry (src/app/main.tsx)
// needs it without the API client.
export const ENTERPRISE_PAYLOAD_URL = '/api/enterprises/payload';
