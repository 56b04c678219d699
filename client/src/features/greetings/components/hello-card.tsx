import { Card } from '@/components/ui/card.tsx';
import { QueryState } from '@/components/ui/query-state.tsx';
import { useHello } from '../api/get-hello.ts';

export function HelloCard() {
  const query = useHello();
  return (
    <Card title="Hello from the API" description="GET /api/hello: public, personalized when a token is sent.">
      <QueryState query={query} loadingLabel="Loading the greeting">
        {(hello) => (
          <div data-testid="api-hello" className="flex flex-col gap-2 text-sm">
            {/* It names the user id, one unbroken word wider than a phone: it must wrap, not widen the page. */}
            <p className="text-lg font-medium [overflow-wrap:anywhere]">{hello.message}</p>
            <p className="text-slate-500 dark:text-slate-400">{hello.signedIn ? 'The API recognised your session.' : 'The API saw no session.'}</p>
          </div>
        )}
      </QueryState>
    </Card>
  );
}
