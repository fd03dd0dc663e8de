// Pod helpers that need Node (client-credential login). Browser code logs in with
// @inrupt/solid-client-authn-browser instead.
export { loginWithClientCredentials, type PodSession } from './loginWithClientCredentials.ts';
