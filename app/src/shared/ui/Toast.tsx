// Toasts (sonner): short news that goes away by itself ("Copied", "Reward claimed"), and the
// "Undo" of actions held back for a few seconds (heldActions.ts). One <Toasts /> per page.
import { Toaster, toast } from 'sonner';

export { toast };

export function Toasts() {
  return (
    <Toaster
      position="bottom-center"
      closeButton
      containerAriaLabel="Notifications"
      toastOptions={{ className: 'toast', duration: 4000 }}
    />
  );
}
