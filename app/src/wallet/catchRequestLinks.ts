// Imported for its effect before the router exists: a request link (#request=…) must be taken
// before the hash router reads the address, at load and when it is opened in a page already
// running (only the hash changes: popstate comes first, and this listener is registered first).
import { REQUEST_LINK_EVENT, takeRequestLink } from './deliveredRequests.ts';

takeRequestLink(window.location, sessionStorage);
window.addEventListener('popstate', () => {
  if (takeRequestLink(window.location, sessionStorage)) window.dispatchEvent(new Event(REQUEST_LINK_EVENT));
});
