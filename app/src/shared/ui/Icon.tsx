// The one icon set of both pages (lucide). Screens import icons from here, not from lucide-react,
// so the set stays small and every icon is drawn the same way: decorative by default (hidden from
// screen readers, the words next to it say what it means), sized by the text around it.
import type { LucideIcon } from 'lucide-react';

export {
  Ban,
  BookOpen,
  ChartLine,
  Check,
  CircleAlert,
  Coins,
  Copy,
  ExternalLink,
  FileText,
  Fingerprint,
  Gift,
  History,
  Inbox,
  Info,
  KeyRound,
  Link,
  LoaderCircle,
  LockOpen,
  LogIn,
  LogOut,
  Megaphone,
  Pause,
  Play,
  Plus,
  RefreshCw,
  Search,
  Send,
  Settings,
  ShieldCheck,
  Store,
  Tag,
  ThumbsDown,
  Trash2,
  Undo2,
  Unlink,
  VenetianMask,
  Wallet,
  X,
} from 'lucide-react';
export type { LucideIcon };

export function Icon(props: { icon: LucideIcon; label?: string; className?: string }) {
  const { icon: Drawn, label } = props;
  return (
    <Drawn
      className={props.className ? `icon ${props.className}` : 'icon'}
      size="1.1em"
      strokeWidth={2}
      {...(label ? { 'aria-label': label, role: 'img' } : { 'aria-hidden': true, focusable: false })}
    />
  );
}
