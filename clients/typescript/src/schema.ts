/**
 * Generated from the API's /openapi.json by `npm run client:types` (openapi-typescript). Do not
 * edit: test/clients/typescript-client.test.ts fails when this differs from what the server serves.
 */

export interface paths {
  '/v1/test_clocks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Create a test clock frozen at an instant (sandbox only) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /**
             * Format: date-time
             * @description an instant, e.g. 2027-01-31T00:00:00Z
             */
            frozenTime: string;
            name?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['TestClock'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/test_clocks/{testClockId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a test clock */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description clock_ followed by lowercase letters and digits */
          testClockId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['TestClock'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/test_clocks/{testClockId}/advance': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Advance a test clock, running every due job of its accounts up to then, in order
     * @description A jump of up to 31 days answers 200 when done. A longer one, or any sent with `Prefer: respond-async`, answers 202 at once with the clock `advancing` (its frozenTime moving on as it goes) and a Location to poll with GET until it is `ready`. Advancing to the instant the clock already shows is a no-op, so a retry is safe; an earlier instant is 422; an advance while one runs is 409.
     */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description clock_ followed by lowercase letters and digits */
          testClockId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /**
             * Format: date-time
             * @description an instant, e.g. 2027-01-31T00:00:00Z
             */
            frozenTime: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['TestClock'];
          };
        };
        /** @description Default Response */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['TestClock'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Liveness */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              status: 'ok';
            };
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Open a customer account (with an empty wallet per unit) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            name: string;
            /** Format: email */
            email?: string;
            /** @description string key-value pairs, at most 20 */
            metadata?: {
              [key: string]: string;
            };
            /** @description Sandbox only: open the account on this test clock */
            testClockId?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Account'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get an account */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Account'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/balances': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Balances per unit: balance, held by active holds, available */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              accountId: string;
              balances: components['schemas']['Balance'][];
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/exports/transactions.csv': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The transaction history of a date range as CSV (UTC days, both included, at most 5 years), oldest first, streamed */
    get: {
      parameters: {
        query: {
          /** @description first day, YYYY-MM-DD (UTC) */
          from: string;
          /** @description last day, YYYY-MM-DD (UTC), included */
          to: string;
        };
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description text/csv */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': unknown;
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/transactions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Transaction history, newest first, cursor-paginated */
    get: {
      parameters: {
        query?: {
          kind?: 'payment' | 'charge' | 'promotion' | 'refund' | 'other';
          /** @description USD moves in cents; CREDIT and TOKEN carry up to 6 decimals */
          unit?: 'USD' | 'CREDIT' | 'TOKEN';
          limit?: number;
          /** @description nextCursor of the previous page */
          cursor?: string;
        };
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['Transaction'][];
              nextCursor: string | null;
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/transactions/{transactionId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get one transaction of the account */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
          /** @description txn_ followed by lowercase letters and digits */
          transactionId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Transaction'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/adjustments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Credit or debit a wallet with a reason (an Other transaction, audited) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @enum {string} */
            direction: 'credit' | 'debit';
            amount: {
              /** @description positive decimal string */
              amount: string;
              /**
               * @description USD moves in cents; CREDIT and TOKEN carry up to 6 decimals
               * @enum {string}
               */
              unit: 'USD' | 'CREDIT' | 'TOKEN';
            };
            reason: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Transaction'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/charges': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Charge a wallet (a Charge transaction); refused with insufficient_funds rather than overdrawn */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            amount: {
              /** @description positive decimal string */
              amount: string;
              /**
               * @description USD moves in cents; CREDIT and TOKEN carry up to 6 decimals
               * @enum {string}
               */
              unit: 'USD' | 'CREDIT' | 'TOKEN';
            };
            /** @enum {string} */
            productLine: 'compute' | 'booth';
            description: string;
            /** @description string key-value pairs, at most 20 */
            metadata?: {
              [key: string]: string;
            };
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Transaction'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/holds': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Reserve funds for a charge whose amount is not known yet */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            amount: {
              /** @description positive decimal string */
              amount: string;
              /**
               * @description USD moves in cents; CREDIT and TOKEN carry up to 6 decimals
               * @enum {string}
               */
              unit: 'USD' | 'CREDIT' | 'TOKEN';
            };
            /** @enum {string} */
            productLine: 'compute' | 'booth';
            description: string;
            /** @description string key-value pairs, at most 20 */
            metadata?: {
              [key: string]: string;
            };
            /** @default 3600 */
            expiresInSeconds?: number;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Hold'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/holds/{holdId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a hold */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description hold_ followed by lowercase letters and digits */
          holdId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Hold'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/holds/{holdId}/post': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Charge the actual amount (≤ held) and release the rest */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description hold_ followed by lowercase letters and digits */
          holdId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description the actual amount, at most the amount held */
            amount: {
              /** @description positive decimal string */
              amount: string;
              /**
               * @description USD moves in cents; CREDIT and TOKEN carry up to 6 decimals
               * @enum {string}
               */
              unit: 'USD' | 'CREDIT' | 'TOKEN';
            };
            description?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              hold: components['schemas']['Hold'];
              transaction: components['schemas']['Transaction'];
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/holds/{holdId}/void': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Release a hold without charging */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description hold_ followed by lowercase letters and digits */
          holdId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Hold'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/api-keys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Issue an API key (the secret is returned once) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @enum {string} */
            role: 'operator' | 'service' | 'customer';
            /** @description acct_ followed by lowercase letters and digits */
            accountId?: string;
            label?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              id: string;
              /** @enum {string} */
              role: 'operator' | 'service' | 'customer';
              accountId: string | null;
              label: string;
              /** @description shown once; only its hash is stored */
              secret: string;
              createdAt: string;
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/billing-overview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Balance, credits used, total topped up, usage percentage and usage per day */
    get: {
      parameters: {
        query?: {
          /** @description USD moves in cents; CREDIT and TOKEN carry up to 6 decimals */
          unit?: 'USD' | 'CREDIT' | 'TOKEN';
          /** @description UTC days of usage history, up to today */
          days?: number;
        };
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['BillingOverview'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/refunds': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Refund (part of) a top-up: never more than it brought in, never credits already spent */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description txn_ followed by lowercase letters and digits */
            paymentTransactionId: string;
            /** @description what to refund, in the payment's unit; all still refundable when omitted */
            amount?: {
              /** @description positive decimal string */
              amount: string;
              /**
               * @description USD moves in cents; CREDIT and TOKEN carry up to 6 decimals
               * @enum {string}
               */
              unit: 'USD' | 'CREDIT' | 'TOKEN';
            };
            reason: string;
            payoutReference?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Transaction'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/audit-log': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Operator actions (who, when, what, why), newest first */
    get: {
      parameters: {
        query?: {
          subject?: string;
          limit?: number;
          /** @description nextCursor of the previous page */
          cursor?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: {
                id: string;
                actor: string;
                action: string;
                subject: string;
                reason: string;
                details: {
                  [key: string]: unknown;
                };
                createdAt: string;
              }[];
              nextCursor: string | null;
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/invoice-settings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The invoice settings that apply to new transactions */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['InvoiceSettings'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    /** Replace the invoice settings from now on (a new version; earlier invoices keep theirs) */
    put: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /**
             * Format: email
             * @description required: where invoices are addressed
             */
            email: string;
            /** @description person or company; the account name when absent */
            name?: string;
            /** @description postal address, may span lines */
            address?: string;
            /** @description tax id, VAT number ... */
            taxInformation?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['InvoiceSettings'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/transactions/{transactionId}/invoice': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A transaction's invoice: its gapless number, the settings of its time, lines and totals */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
          /** @description txn_ followed by lowercase letters and digits */
          transactionId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Invoice'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/transactions/{transactionId}/invoice.pdf': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A transaction's invoice as a PDF download (the same document as the JSON) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
          /** @description txn_ followed by lowercase letters and digits */
          transactionId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description the invoice as application/pdf */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': unknown;
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/siwe/nonce': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** A single-use nonce for a Sign-In with Ethereum (EIP-4361) message */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      /** @description no fields; may be omitted */
      requestBody: {
        content: {
          'application/json': Record<string, never> | null;
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['SiweNonce'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/siwe/verify': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Verify a signed EIP-4361 message and open a session (the account is opened on the first sign-in) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description the EIP-4361 message exactly as signed */
            message: string;
            /** @description personal_sign (EIP-191) signature of the message */
            signature: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['SessionCreated'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/logout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** End the wallet session this request is authenticated with */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      /** @description no fields; may be omitted */
      requestBody: {
        content: {
          'application/json': Record<string, never> | null;
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              sessionId: string;
              /** @enum {boolean} */
              loggedOut: true;
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/top-ups/usdt': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Where to send USDT for a top-up (1 USDT = 1 CREDIT, no fee), from which wallet, after how many confirmations */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              chainId: number;
              tokenAddress: string;
              depositAddress: string;
              /** @enum {number} */
              decimals: 6;
              confirmations: number;
              fromAddresses: string[];
              /** @description present when Pictor sponsors the network fee: sign an EIP-3009 authorization and Pictor’s relayer pays the gas; null: send an ordinary transfer (your wallet pays the gas) */
              relay: {
                relayer: string;
                validForSeconds: number;
              } | null;
              /** @description set when the wallet pays the gas and Pictor refunds it as credits once the deposit is credited (no relayer) */
              networkFeeRefund: {
                /** @description USD per whole native token (ETH) used for refunds */
                nativeTokenUsdPrice: string;
                cap: components['schemas']['Money'];
              } | null;
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/deposits': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An account's USDT deposits, newest first, with tx hash and explorer link */
    get: {
      parameters: {
        query?: {
          status?: 'seen' | 'credited' | 'held_for_review' | 'reorged';
          limit?: number;
          /** @description nextCursor of the previous page */
          cursor?: string;
        };
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['Deposit'][];
              nextCursor: string | null;
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/deposits/{depositId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get one USDT deposit of the account */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
          /** @description dep_ followed by lowercase letters and digits */
          depositId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Deposit'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/deposits': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** All USDT deposits (e.g. ?status=held_for_review: unknown senders awaiting review) */
    get: {
      parameters: {
        query?: {
          status?: 'seen' | 'credited' | 'held_for_review' | 'reorged';
          limit?: number;
          /** @description nextCursor of the previous page */
          cursor?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['Deposit'][];
              nextCursor: string | null;
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/deposits/{depositId}/assign': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Assign a held deposit to an account and credit it (audited; repeating the same assignment replays) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description dep_ followed by lowercase letters and digits */
          depositId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description acct_ followed by lowercase letters and digits */
            accountId: string;
            reason: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              deposit: components['schemas']['Deposit'];
              transaction: components['schemas']['Transaction'];
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/top-ups/usdt/authorizations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Prepare a USDT top-up whose network fee Pictor pays: the EIP-3009 authorization for the wallet to sign (nothing moves yet) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description the signed-in wallet the USDT comes from */
            from: string;
            amount: {
              /** @description positive decimal string */
              amount: string;
              /** @enum {string} */
              unit: 'USDT';
            };
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['UsdtRelay'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        502: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/top-ups/usdt/authorizations/{relayId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A sponsored USDT top-up: its status, transaction and the gas Pictor paid */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
          /** @description relay_ followed by lowercase letters and digits */
          relayId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['UsdtRelay'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        502: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/top-ups/usdt/authorizations/{relayId}/submit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Submit the wallet's signature: Pictor's relayer sends transferWithAuthorization and pays the gas (the same signature again answers the same transaction) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
          /** @description relay_ followed by lowercase letters and digits */
          relayId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description the wallet’s eth_signTypedData_v4 signature of typedData */
            signature: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['UsdtRelay'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        502: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/email/code': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Email a 6-digit sign-in code (the same answer whether or not the email has an account) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description where to send the 6-digit code */
            email: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['SignInCodeSent'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        502: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/email/verify': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Exchange the emailed code for a session (the first sign-in opens the account) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            email: string;
            /** @description the 6 digits from the email */
            code: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['EmailSessionCreated'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        502: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/ways-in': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The wallets and emails that sign in to this account */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['WaysIn'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        502: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/ways-in/wallet': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Link a wallet to this account with a signed SIWE message (nonce from /v1/auth/siwe/nonce) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description the EIP-4361 message exactly as signed */
            message: string;
            /** @description personal_sign (EIP-191) signature of the message */
            signature: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['WaysIn'];
          };
        };
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['WaysIn'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        502: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/ways-in/email/code': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Email a code to verify an email before linking it */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description where to send the 6-digit code */
            email: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['SignInCodeSent'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        502: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/ways-in/email': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Link a verified email (it becomes the billing and notification address) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            email: string;
            /** @description the 6 digits from the email */
            code: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['WaysIn'];
          };
        };
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['WaysIn'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        502: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/ways-in/remove': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Remove a wallet or email (never the last way in); the sessions it opened end */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @enum {string} */
            kind: 'wallet' | 'email';
            /** @description the wallet address or the email */
            value: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @description checksummed addresses */
              wallets: string[];
              emails: string[];
              sessionsRevoked: number;
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        502: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/sessions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** This account's live sessions */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['Session'][];
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        502: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/sessions/{sessionId}/revoke': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** End one of this account's sessions */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description sess_ followed by lowercase letters and digits */
          sessionId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              sessionId: string;
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        502: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/auth/sessions/revoke-all': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Sign out everywhere: end every session of this account, this one included */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              sessionsRevoked: number;
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        502: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/lookup': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Find the account an email or wallet signs in to, with its ways in, sessions and API keys */
    get: {
      parameters: {
        query?: {
          email?: string;
          wallet?: string;
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['AccountLookup'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/api-keys/{keyId}/revoke': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Revoke an API key (audited; refused at once by this server, by other API servers within 5 s) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description key_ followed by lowercase letters and digits */
          keyId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description why (kept in the audit log) */
            reason: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['ApiKeySummary'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/sessions/{sessionId}/revoke': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** End a session at once (audited) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description sess_ followed by lowercase letters and digits */
          sessionId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description why (kept in the audit log) */
            reason: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              sessionIds: string[];
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/sessions/revoke': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** End every session of an account at once (audited) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description why (kept in the audit log) */
            reason: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              sessionIds: string[];
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/top-ups/quote': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Order summary for topping up A: fee, total, credits and any promotion bonus (writes nothing) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description A: the credits to buy, in USD (1 USD = 1 CREDIT) */
            amount: {
              /** @description positive decimal string */
              amount: string;
              /** @enum {string} */
              unit: 'USD';
            };
            /**
             * @description paypal adds its fee; usdt has none
             * @default paypal
             * @enum {string}
             */
            rail?: 'paypal' | 'usdt';
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['TopUpQuote'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/top-ups/paypal': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Start a PayPal top-up: creates the PayPal order and returns the approval link */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description A: the credits to buy, in USD (1 USD = 1 CREDIT); the fee is added */
            amount: {
              /** @description positive decimal string */
              amount: string;
              /** @enum {string} */
              unit: 'USD';
            };
            /**
             * Format: uri
             * @description where PayPal sends the buyer after approving
             */
            returnUrl?: string;
            /**
             * Format: uri
             * @description where PayPal sends the buyer after cancelling
             */
            cancelUrl?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              order: components['schemas']['TopUpOrder'];
              quote: components['schemas']['TopUpQuote'];
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        502: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/top-ups/paypal/{orderId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A PayPal top-up order and its status */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
          /** @description ord_ followed by lowercase letters and digits */
          orderId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['TopUpOrder'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/top-ups/paypal-orders/by-token/{token}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The account's PayPal top-up order for PayPal's order id (the return URL's token), to capture it from any tab */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
          token: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['TopUpOrder'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        502: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/top-ups/paypal/{orderId}/capture': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Capture an approved PayPal order: credits A CREDIT once (and any promotion bonus); safe to repeat */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
          /** @description ord_ followed by lowercase letters and digits */
          orderId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['CapturedTopUp'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        402: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        502: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/webhooks/paypal': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** PayPal webhook (signature verified with PayPal; no API key) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              eventId: string;
              eventType: string;
              /** @enum {string} */
              outcome: 'credited' | 'recorded' | 'ignored';
              orderId: string | null;
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        502: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/promotions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Promotions, newest first */
    get: {
      parameters: {
        query?: {
          /** @description true: only those in force now */
          active?: 'true' | 'false';
        };
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['Promotion'][];
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    /** Define a top-up promotion (bonus rule), audited */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            name: string;
            /** Format: date-time */
            startsAt: string;
            /**
             * @description exclusive; null: open-ended
             * @default null
             */
            endsAt?: string | null;
            /** @description smallest top-up (A) that qualifies; none when absent */
            minimumTopUp?: {
              /** @description positive decimal string */
              amount: string;
              /** @enum {string} */
              unit: 'USD';
            };
            bonus:
              | {
                  /** @enum {string} */
                  type: 'percentage';
                  /** @description 1000 = 10 % */
                  basisPoints: number;
                }
              | {
                  /** @enum {string} */
                  type: 'fixed';
                  /** @description CREDIT with at most 6 decimals */
                  amount: {
                    /** @description positive decimal string */
                    amount: string;
                    /** @enum {string} */
                    unit: 'CREDIT';
                  };
                };
            /** @description CREDIT with at most 6 decimals */
            maximumBonus?: {
              /** @description positive decimal string */
              amount: string;
              /** @enum {string} */
              unit: 'CREDIT';
            };
            /**
             * @description null: unlimited
             * @default null
             */
            perCustomerLimit?: number | null;
            /** @description why, for the audit log */
            reason: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Promotion'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/promotions/{promotionId}/deactivate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** End a promotion now (bonuses already granted stay), audited */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description promo_ followed by lowercase letters and digits */
          promotionId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            reason: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Promotion'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/exports/invoices.csv': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Compute documents and booth invoices of a date range as CSV (number, date, line, document, description, amount, currency, status; UTC days, both included, at most 5 years), oldest first, streamed */
    get: {
      parameters: {
        query: {
          /** @description first day, YYYY-MM-DD (UTC) */
          from: string;
          /** @description last day, YYYY-MM-DD (UTC), included */
          to: string;
        };
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description text/csv */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': unknown;
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/rendering/rates': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The rendering rate card in force (new jobs start on it) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['RenderingRateCard'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    /** Publish a new rate card version from now (audited); running jobs keep theirs */
    put: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description per GPU-hour */
            gpuHour: {
              /** @description positive decimal string */
              amount: string;
              /** @enum {string} */
              unit: 'CREDIT';
            };
            /** @description per CPU-core-hour */
            cpuCoreHour: {
              /** @description positive decimal string */
              amount: string;
              /** @enum {string} */
              unit: 'CREDIT';
            };
            /** @description per GB-hour of RAM */
            ramGbHour: {
              /** @description positive decimal string */
              amount: string;
              /** @enum {string} */
              unit: 'CREDIT';
            };
            /** @description per GB-hour of storage */
            storageGbHour: {
              /** @description positive decimal string */
              amount: string;
              /** @enum {string} */
              unit: 'CREDIT';
            };
            reason: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['RenderingRateCard'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/render-jobs/{jobId}/tasks/{taskId}/start': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Before dispatching a task: hold its max cost (422 insufficient_funds pauses the job) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
          jobId: string;
          taskId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description the most the task may use */
            resources: {
              gpus: number;
              cpuCores: number;
              ramGb: number;
              storageGb: number;
            };
            /** @description the most it may run (≤ 7 days) */
            timeLimitSeconds: number;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @enum {string} */
              jobStatus: 'running' | 'paused_insufficient_credits' | 'completed' | 'cancelled';
              task: components['schemas']['RenderTask'];
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/render-jobs/{jobId}/tasks/{taskId}/complete': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Report a task done: its actual cost (≤ hold) is charged once, the rest released */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
          jobId: string;
          taskId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description what the task used; billed at the job's rates, never above its hold */
            usage: {
              seconds: number;
              gpus: number;
              cpuCores: number;
              ramGb: number;
              storageGb: number;
            };
            /** @description how many tasks the job has in all: once that many are completed, the job is completed */
            jobTaskCount?: number;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              task: components['schemas']['RenderTask'];
              transaction: components['schemas']['Transaction'] | null;
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/render-jobs/{jobId}/tasks/{taskId}/fail': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Report a task failed: its hold is released, nothing charged */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
          jobId: string;
          taskId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            reason: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['RenderTask'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/render-jobs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The account's render jobs, newest first */
    get: {
      parameters: {
        query?: {
          limit?: number;
        };
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['RenderJob'][];
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    /** Sandbox render farm: submit a job; its tasks run one by one and are billed as they complete */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description your name for the job */
            jobId: string;
            /** @description how many tasks the job has */
            tasks: number;
            resources: {
              gpus: number;
              cpuCores: number;
              ramGb: number;
              storageGb: number;
            };
            /** @description each task's limit: its hold covers this long */
            timeLimitSeconds: number;
            /** @description how long each task runs in the sandbox (≤ the limit) */
            secondsPerTask: number;
          };
        };
      };
      responses: {
        /** @description Default Response */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              jobId: string;
              tasks: number;
              secondsPerTask: number;
              /** @description how often the farm looks at a job paused for credits */
              pollSeconds: number;
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/render-jobs/{jobId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A render job and its status (the farm polls paused jobs here) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
          jobId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['RenderJob'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/render-jobs/{jobId}/tasks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A render job's tasks in the order they started: status, hold, usage and cost */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
          jobId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['RenderTask'][];
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/render-jobs/{jobId}/resume': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Resume a paused job if the balance now covers its next task (else 422) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
          jobId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['RenderJob'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/gpu/instance-types': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The GPU catalog in force: compute rate per hour and storage rate per GB-hour */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['GpuInstanceType'][];
            };
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/gpu/instance-types/{code}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Publish a new catalog version of an instance type (audited); rentals keep their prices */
    put: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description the instance type code, e.g. rtx-4090 */
          code: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            name: string;
            /** @description compute price per running hour */
            computeRatePerHour: {
              /** @description positive decimal string */
              amount: string;
              /** @enum {string} */
              unit: 'CREDIT';
            };
            /** @description default 0.00028 CREDIT per GB per hour */
            storageRatePerGbHour?: {
              /** @description positive decimal string */
              amount: string;
              /** @enum {string} */
              unit: 'CREDIT';
            };
            /**
             * @description the largest disk a rental may have
             * @default 2000
             */
            maxDiskGb?: number;
            /**
             * @description false withdraws the type from new rentals
             * @default true
             */
            available?: boolean;
            /** @description why: kept in the audit log */
            reason: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['GpuInstanceType'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/instances': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The account's GPU instances, newest first */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['GpuInstance'][];
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    /** Rent a GPU instance: compute + storage for the period is charged up front */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            instanceType: string;
            /** @description disk size in GB, at most the type's maxDiskGb */
            diskGb: number;
            period: {
              /**
               * @description month = calendar month (UTC), clamped to the month end
               * @enum {string}
               */
              unit: 'hour' | 'day' | 'week' | 'month';
              /** @description periods of the unit: at most 744 */
              count: number;
            };
            /** @default true */
            autoRenew?: boolean;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              instance: components['schemas']['GpuInstance'];
              /** @description the Charge of compute + storage for the period */
              transactionId: string;
              charged: components['schemas']['Money'];
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        502: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/instance-quote': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** What renting would charge now (compute + storage for the period) and the balance after; writes nothing */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            instanceType: string;
            /** @description disk size in GB, at most the type's maxDiskGb */
            diskGb: number;
            period: {
              /**
               * @description month = calendar month (UTC), clamped to the month end
               * @enum {string}
               */
              unit: 'hour' | 'day' | 'week' | 'month';
              /** @description periods of the unit: at most 744 */
              count: number;
            };
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['GpuRentalQuote'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/termination-preview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Which instances would be terminated, their disks, and when, at the current burn */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Instances that would be terminated, and when, if the balance only paid what they owe from now on (no top-up, no other spending). A running instance runs to its prepaid period end, renews if auto-renew is on and the balance covers it, else stops; it is terminated at the first stopped hour the balance cannot pay. */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              asOf: string;
              /** @description the preview looks this far ahead (31 days) */
              horizonEnd: string;
              balance: components['schemas']['Money'];
              hourlyStorageFee: components['schemas']['Money'];
              /** @description the first termination, or null: none within the horizon */
              terminatesAt: string | null;
              instances: {
                instanceId: string;
                instanceType: string;
                /** @enum {string} */
                status: 'running' | 'stopped';
                /** @description the disk whose data would be destroyed */
                diskGb: number;
                terminatesAt: string;
                reason: string;
              }[];
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/instances/{instanceId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One GPU instance */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
          /** @description inst_ followed by lowercase letters and digits */
          instanceId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['GpuInstance'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/instances/{instanceId}/stop': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Stop early: unused whole hours of compute are refunded; storage keeps accruing */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
          /** @description inst_ followed by lowercase letters and digits */
          instanceId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              instance: components['schemas']['GpuInstance'];
              refundTransactionId: string | null;
              refunded: components['schemas']['Money'];
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        502: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/instances/{instanceId}/terminate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Terminate: the machine and its disk are destroyed for good; a running one is stopped first (unused whole hours refunded) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
          /** @description inst_ followed by lowercase letters and digits */
          instanceId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              instance: components['schemas']['GpuInstance'];
              refundTransactionId: string | null;
              refunded: components['schemas']['Money'];
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        502: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/instances/{instanceId}/start': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Start a stopped instance: a new period is charged up front */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
          /** @description inst_ followed by lowercase letters and digits */
          instanceId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              instance: components['schemas']['GpuInstance'];
              /** @description the Charge of compute + storage for the period */
              transactionId: string;
              charged: components['schemas']['Money'];
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        502: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/instances/{instanceId}/auto-renew': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Turn auto-renew at period end on or off */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
          /** @description inst_ followed by lowercase letters and digits */
          instanceId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            autoRenew: boolean;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['GpuInstance'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/render-job-quote': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Sandbox render farm: what a job would hold and charge per task and in all, and the balance after; writes nothing */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description how many tasks the job has */
            tasks: number;
            resources: {
              gpus: number;
              cpuCores: number;
              ramGb: number;
              storageGb: number;
            };
            /** @description each task's limit: its hold covers this long */
            timeLimitSeconds: number;
            /** @description how long each task runs in the sandbox (≤ the limit) */
            secondsPerTask: number;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['RenderJobQuote'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/alert-settings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Low-balance and low-remaining-time alerts, and where notifications go */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['AlertSettings'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    /** Replace the alert settings (what is left out is turned off); re-arms every alert */
    put: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description alert when the available CREDIT balance falls below this; null or absent: off */
            lowBalance?: {
              /** @description positive decimal string */
              amount: string;
              /** @enum {string} */
              unit: 'CREDIT';
            } | null;
            /** @description alert when available ÷ hourly burn of all instances falls below this many hours */
            lowRemainingHours?: number | null;
            /** @description alert recipients; null or absent: the account's email */
            emails?: string[] | null;
            /** @description signed webhook receiving every notification; null or absent: none */
            webhook?: {
              /** Format: uri */
              url: string;
              /** @description HMAC key of Pictor-Signature; write-only; absent: keep the one set */
              secret?: string;
            } | null;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['AlertSettings'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/alert-emails/code': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Email a 6-digit code to an address the alerts should go to (alerts are sent only to verified addresses) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description the alert email to verify: a 6-digit code is sent to it */
            email: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        202: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['SignInCodeSent'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        502: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/alert-emails/verify': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Confirm an alert email with the emailed code; the alert settings may then name it */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            email: string;
            /** @description the 6 digits from the email */
            code: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['AlertEmailVerified'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        429: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        502: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/notifications': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Recent notifications (alerts, job and instance events), newest first, with delivery status */
    get: {
      parameters: {
        query?: {
          limit?: number;
        };
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @description how many of the account's notifications are unread (all of them, not only this page) */
              unreadCount: number;
              data: {
                /** @description also the webhook Pictor-Event-Id */
                id: string;
                /** @description alert.low_balance, alert.low_remaining_time, job.paused, instance.terminated ... */
                type: string;
                occurredAt: string;
                createdAt: string;
                /** @description when the account read it (any browser); null: unread */
                readAt: string | null;
                data: {
                  [key: string]: string;
                };
                deliveries: {
                  /** @enum {string} */
                  channel: 'email' | 'webhook';
                  target: string;
                  /** @enum {string} */
                  status: 'pending' | 'delivered' | 'skipped' | 'failed';
                  attempts: number;
                  lastError: string | null;
                  deliveredAt: string | null;
                }[];
              }[];
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/notifications/read': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Mark notifications read for the whole account (every browser); idempotent: a read one stays read */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description these notifications; give either ids or upTo */
            ids?: string[];
            /** @description "mark all as read": this notification and every older one (newest shown first) */
            upTo?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @description the account's unread notifications after marking */
              unreadCount: number;
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/card-processor': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The billing page's card settings: publishable key and where to tokenize a card */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['CardProcessorConfig'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/payment-methods': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The account's saved cards, oldest first; the default pays everything */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['PaymentMethod'][];
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    /** Save a card tokenized by the page (pm_...); the first card becomes the default */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description the pm_... id the billing page got from the card processor (never a card number) */
            paymentMethod: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['PaymentMethod'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        402: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        502: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/payment-methods/{paymentMethodId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get one saved card of the account */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
          /** @description pmr_ followed by lowercase letters and digits */
          paymentMethodId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['PaymentMethod'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    /** Remove a card; the default only when it is the last one (make another default first) */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
          /** @description pmr_ followed by lowercase letters and digits */
          paymentMethodId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['PaymentMethod'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        402: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        502: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/payment-methods/{paymentMethodId}/default': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Make a saved card the default */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
          /** @description pmr_ followed by lowercase letters and digits */
          paymentMethodId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['PaymentMethod'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        402: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        502: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/booth-invoices': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The account's booth invoices, newest first: ID, date, description, amount, status, PDF link */
    get: {
      parameters: {
        query?: {
          limit?: number;
          /** @description nextCursor of the previous page */
          cursor?: string;
        };
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['BoothInvoiceRow'][];
              nextCursor: string | null;
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/payment-attempts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Card payment attempts, newest first (outcome=declined: the failed ones, with the reason as a sentence) */
    get: {
      parameters: {
        query?: {
          /** @description only the attempts that ended so */
          outcome?: 'succeeded' | 'declined';
          limit?: number;
        };
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['PaymentAttempt'][];
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/booth-invoices/{invoiceId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One booth invoice with its lines; append .pdf for the PDF (finalized invoices only) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
          /** @description bin_ followed by lowercase letters and digits */
          invoiceId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['BoothInvoice'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/token-statements/{month}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The account's token usage statement of a month (UTC): outputs by event and kind, virtual booth sessions, tokens; append .pdf for the PDF */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
          /** @description YYYY-MM, or YYYY-MM.pdf for the PDF */
          month: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': unknown;
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/booth-invoices/{invoiceId}/void': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Void an open invoice (operator, audited): it keeps its number and is not collected */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
          /** @description bin_ followed by lowercase letters and digits */
          invoiceId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description why: kept in the audit log */
            reason: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['BoothInvoice'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/booth-invoices/{invoiceId}/mark-uncollectible': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Write off an open invoice as uncollectible (operator, audited); it can still be paid */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
          /** @description bin_ followed by lowercase letters and digits */
          invoiceId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description why: kept in the audit log */
            reason: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['BoothInvoice'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/booth/catalog': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The license catalog in force: tiers, prices, features, Enterprise add-on, volume discounts */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['LicenseCatalog'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    /** Publish a new catalog version (audited); licenses keep their price until renewal */
    put: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            prices: {
              basic: {
                /** @description USD with at most 2 decimals */
                monthly: {
                  /** @description positive decimal string */
                  amount: string;
                  /** @enum {string} */
                  unit: 'USD';
                };
                /** @description USD with at most 2 decimals */
                annual: {
                  /** @description positive decimal string */
                  amount: string;
                  /** @enum {string} */
                  unit: 'USD';
                };
              };
              pro: {
                /** @description USD with at most 2 decimals */
                monthly: {
                  /** @description positive decimal string */
                  amount: string;
                  /** @enum {string} */
                  unit: 'USD';
                };
                /** @description USD with at most 2 decimals */
                annual: {
                  /** @description positive decimal string */
                  amount: string;
                  /** @enum {string} */
                  unit: 'USD';
                };
              };
              premium: {
                /** @description USD with at most 2 decimals */
                monthly: {
                  /** @description positive decimal string */
                  amount: string;
                  /** @enum {string} */
                  unit: 'USD';
                };
                /** @description USD with at most 2 decimals */
                annual: {
                  /** @description positive decimal string */
                  amount: string;
                  /** @enum {string} */
                  unit: 'USD';
                };
              };
              /** @description USD with at most 2 decimals */
              enterpriseAnnual: {
                /** @description positive decimal string */
                amount: string;
                /** @enum {string} */
                unit: 'USD';
              };
            };
            /** @description each tier's own features (a tier includes every lower tier's); absent: unchanged */
            features?: {
              basic: {
                code: string;
                name: string;
              }[];
              pro: {
                code: string;
                name: string;
              }[];
              premium: {
                code: string;
                name: string;
              }[];
              enterprise: {
                code: string;
                name: string;
              }[];
            };
            /** @description output kinds with their token cost and tier; absent: unchanged. Recorded outputs keep their cost */
            outputs?: {
              [key: string]: {
                name: string;
                tokens: string;
                /**
                 * @description the lowest event tag that may produce it
                 * @enum {string}
                 */
                tier: 'basic' | 'pro' | 'premium';
                /** @description an AI output */
                ai: boolean;
              };
            };
            /** @description why: kept in the audit log */
            reason: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['LicenseCatalog'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/booth/coupons': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Define a license coupon (audited): percentage or fixed, window, limit, duration */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            code: string;
            /** @description percent off, e.g. 12.5 (to 0.01%) */
            percentOff?: number;
            /** @description USD with at most 2 decimals */
            amountOff?: {
              /** @description positive decimal string */
              amount: string;
              /** @enum {string} */
              unit: 'USD';
            };
            /** Format: date-time */
            validFrom?: string;
            /** Format: date-time */
            validUntil?: string;
            maxRedemptions?: number;
            /**
             * @default once
             * @enum {string}
             */
            duration?: 'once' | 'repeating' | 'forever';
            /** @description with duration "repeating" */
            durationRenewals?: number;
            reason: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Coupon'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/licenses/quote': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Order summary of a license purchase (writes nothing); purchase charges exactly this total */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /**
             * @description basic, pro, premium, or the enterprise add-on (annual, quantity 1)
             * @enum {string}
             */
            product: 'basic' | 'pro' | 'premium' | 'enterprise';
            /** @enum {string} */
            period: 'monthly' | 'annual';
            quantity: number;
            couponCode?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['LicenseQuote'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/licenses': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The account's licenses: tier, period, renewal date, status, pending cancel or downgrade */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['License'][];
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    /** Buy licenses with the default card; refused with price_changed unless the total is the one shown */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /**
             * @description basic, pro, premium, or the enterprise add-on (annual, quantity 1)
             * @enum {string}
             */
            product: 'basic' | 'pro' | 'premium' | 'enterprise';
            /** @enum {string} */
            period: 'monthly' | 'annual';
            quantity: number;
            couponCode?: string;
            /** @description the total the order summary showed; another price is refused (409 price_changed) */
            expectedTotal: {
              amount: string;
              /** @enum {string} */
              unit: 'USD';
            };
            /**
             * Format: date-time
             * @description the quote's pricedAt: the purchase is priced from that instant, so its invoice says what the quote said (even across midnight); older than 15 minutes or in the future → 409 quote_expired; omitted: priced now
             */
            pricedAt?: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              orderId: string;
              invoiceId: string | null;
              volumeCreditInvoiceId: string | null;
              total: components['schemas']['Money'];
              quote: components['schemas']['LicenseQuote'];
              licenses: components['schemas']['License'][];
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        402: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        502: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/licenses/upcoming-invoice': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The next invoice per billing date: lines and total as the renewal will charge them */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description the next invoice per billing date, priced as the renewal will charge it from the account's current state */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              /** @description one per upcoming billing date, earliest first */
              data: {
                /** @description the renewal date this invoice is issued on */
                billingDate: string;
                /** @description the licenses renewing on that date */
                licenseIds: string[];
                catalogVersion: number;
                /** @description renewal lines, volume discount, coupons; the subtotal is their sum */
                lines: {
                  kind: string;
                  description: string;
                  quantity: number;
                  amount: components['schemas']['Money'];
                }[];
                subtotal: components['schemas']['Money'];
                creditApplied: components['schemas']['Money'];
                total: components['schemas']['Money'];
              }[];
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/licenses/{licenseId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get one license of the account */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
          /** @description lic_ followed by lowercase letters and digits */
          licenseId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['License'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/licenses/{licenseId}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Cancel at the end of the current period (active until then, never cut mid-cycle) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
          /** @description lic_ followed by lowercase letters and digits */
          licenseId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['License'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/licenses/{licenseId}/undo-cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Take back a cancellation before its date: the license renews as if never cancelled */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
          /** @description lic_ followed by lowercase letters and digits */
          licenseId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['License'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/licenses/{licenseId}/undo-downgrade': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Take back a pending downgrade before the renewal that applies it */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
          /** @description lic_ followed by lowercase letters and digits */
          licenseId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['License'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/licenses/{licenseId}/downgrade': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Downgrade to a lower tier, effective at the next renewal */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
          /** @description lic_ followed by lowercase letters and digits */
          licenseId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @enum {string} */
            tier: 'basic' | 'pro' | 'premium';
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['License'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/licenses/{licenseId}/cancel-now': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Operator: end a license now, with a pro-rata cancellation credit (credit note, audited) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
          /** @description lic_ followed by lowercase letters and digits */
          licenseId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            reason: string;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              license: components['schemas']['License'];
              credit: components['schemas']['Money'];
              creditNoteId: string | null;
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        402: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        502: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/booth-status': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Whether the booth account is locked (no active base license), why, and since when */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['BoothStatus'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/booth-invoices/{invoiceId}/pay': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Pay an open booth invoice with the default card; licenses it renews are reactivated */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
          /** @description bin_ followed by lowercase letters and digits */
          invoiceId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              invoiceId: string;
              status: string;
              number: string | null;
              total: components['schemas']['Money'];
              reactivatedLicenseIds: string[];
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        402: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        502: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/booth/templates/{templateId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One of the account's templates with its token cost per session */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
          templateId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['BoothTemplate'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    /** Define or redefine one of the account's templates (booth app or customer): its outputs per session give its token cost */
    put: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
          templateId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            name: string;
            /** @description outputs one session of this template produces */
            outputs: {
              /** @description an output kind of the catalog in force (GET /v1/booth/catalog: outputs, with token cost and tier); another kind is refused with 422 unknown_output_kind */
              kind: string;
              count: number;
            }[];
            /**
             * @description license catalog features the template uses
             * @default []
             */
            features?: string[];
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['BoothTemplate'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    post?: never;
    /** Archive a template: new events and estimates can no longer use it */
    delete: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
          templateId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['BoothTemplate'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/booth/templates': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The account's templates by name, each with its token cost per session */
    get: {
      parameters: {
        query?: {
          /** @description include archived templates */
          archived?: 'true' | 'false';
        };
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['BoothTemplate'][];
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/booth/token-packs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Token packs and their prices */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['TokenPacks'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The account's events, newest first, cursor-paginated */
    get: {
      parameters: {
        query?: {
          status?: 'registered' | 'running' | 'paused' | 'ended';
          limit?: number;
          /** @description nextCursor of the previous page */
          cursor?: string;
        };
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              data: components['schemas']['BoothEvent'][];
              nextCursor: string | null;
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    /** Register an event (booth app): its tag is the highest tier among its features and templates */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            name: string;
            /** @default [] */
            features?: string[];
            /** @default [] */
            templateIds?: string[];
            /**
             * @description a live virtual booth: holds a license like any event
             * @default false
             */
            virtualBooth?: boolean;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['BoothEvent'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/events/{eventId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get one event of the account */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
          /** @description evt_ followed by lowercase letters and digits */
          eventId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['BoothEvent'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/events/{eventId}/start': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Start (or resume) an event: takes a free license of its tag or higher, the lowest such first; refused when the account is locked */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
          /** @description evt_ followed by lowercase letters and digits */
          eventId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['BoothEvent'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/events/{eventId}/end': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** End an event and free its license */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
          /** @description evt_ followed by lowercase letters and digits */
          eventId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['BoothEvent'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/events/{eventId}/outputs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Report outputs of an event (one or a batch): each is idempotent by its id and charged in tokens; one the balance cannot pay is refused alone */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
          /** @description evt_ followed by lowercase letters and digits */
          eventId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description one or many outputs (at most 1,000); each is idempotent by its outputId */
            outputs: {
              outputId: string;
              sessionId: string;
              /** @description an output kind of the catalog in force (GET /v1/booth/catalog: outputs, with token cost and tier); another kind is refused with 422 unknown_output_kind */
              kind: string;
            }[];
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              results: {
                outputId: string;
                /** @enum {string} */
                status: 'recorded' | 'refused';
                tokens: components['schemas']['Money'];
                transactionId: string | null;
                replayed: boolean;
                /** @enum {string} */
                code?:
                  'insufficient_tokens' | 'event_not_running' | 'output_id_reused' | 'output_in_progress';
                detail?: string;
              }[];
              charged: components['schemas']['Money'];
              balance: components['schemas']['Money'];
              /** @description the one Charge of this report */
              transactionId: string | null;
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/events/{eventId}/sessions/{sessionId}/end': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** A session is over: on a virtual booth, sessions after the first 500 owe 1 token unless they paid for an AI output */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
          /** @description evt_ followed by lowercase letters and digits */
          eventId: string;
          sessionId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              eventId: string;
              sessionId: string;
              /** @description 1-based, in the order the event’s sessions ended */
              ordinal: number;
              paidForAi: boolean;
              virtualBoothToken: components['schemas']['Money'];
              transactionId: string | null;
              settled: boolean;
              endedAt: string;
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/tokens/purchases': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Buy token packs with the default card; the tokens are usable as soon as the payment succeeds */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            /** @description pack size in tokens */
            pack: number;
            /** @default 1 */
            quantity?: number;
          };
        };
      };
      responses: {
        /** @description Default Response */
        201: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['TokenPurchase'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        402: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        409: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        502: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        503: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/tokens': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Token balance (tokens never expire), recent pack purchases and the history link */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              accountId: string;
              balance: components['schemas']['Money'];
              held: components['schemas']['Money'];
              available: components['schemas']['Money'];
              recentPurchases: components['schemas']['TokenPurchase'][];
              links: {
                /** @description TOKEN transactions, newest first */
                history: string;
              };
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/tokens/auto-top-up': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Token auto top-up settings (null: never set) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['TokenAutoTopup'] | null;
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    /** Set token auto top-up: below the threshold one pack is bought with the default card, once per crossing, at most maxPerDay a day */
    put: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            enabled: boolean;
            /** @description buy when the available balance falls below this many tokens */
            threshold: string;
            /** @description the pack to buy, by its size in tokens */
            pack: number;
            /**
             * @description at most this many packs per UTC day
             * @default 3
             */
            maxPerDay?: number;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['TokenAutoTopup'];
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        422: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/tokens/estimate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Estimate an event: token range, balance, shortfall and the cheapest packs covering it (reads only) */
    post: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody: {
        content: {
          'application/json': {
            templateIds: string[];
            /** @description event length in hours (e.g. 3 or 2.5) */
            hours: number;
            /** @description default 30–55 */
            sessionsPerHour?: {
              min: number;
              max: number;
            };
            /** @default false */
            virtualBooth?: boolean;
          };
        };
      };
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': {
              sessions: {
                min: number;
                max: number;
              };
              sessionsPerHour: {
                min: number;
                max: number;
              };
              tokens: {
                min: components['schemas']['Money'];
                max: components['schemas']['Money'];
              };
              available: components['schemas']['Money'];
              shortfall: components['schemas']['Money'];
              packs: {
                items: {
                  tokens: number;
                  count: number;
                  price: components['schemas']['Money'];
                }[];
                tokens: number;
                price: components['schemas']['Money'];
              };
              templates: {
                id: string;
                costPerSession: components['schemas']['Money'];
              }[];
            };
          };
        };
        /** @description Default Response */
        400: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/accounts/{accountId}/runway': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** How long the CREDIT balance lasts at the current hourly burn of the GPU instances */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path: {
          /** @description acct_ followed by lowercase letters and digits */
          accountId: string;
        };
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Runway'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        403: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Who this key or session is: its role and, for a customer, its account */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Me'];
          };
        };
        /** @description Default Response */
        401: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/v1/demo': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The demo account's customer key (only when the server runs with the demo on) */
    get: {
      parameters: {
        query?: never;
        header?: never;
        path?: never;
        cookie?: never;
      };
      requestBody?: never;
      responses: {
        /** @description Default Response */
        200: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['DemoSignIn'];
          };
        };
        /** @description Default Response */
        404: {
          headers: {
            [name: string]: unknown;
          };
          content: {
            'application/json': components['schemas']['Problem'];
          };
        };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    MoneyInput: {
      amount: string;
      /**
       * @description USD moves in cents; CREDIT and TOKEN carry up to 6 decimals
       * @enum {string}
       */
      unit: 'USD' | 'CREDIT' | 'TOKEN';
    };
    ProblemInput: {
      type: string;
      title: string;
      status: number;
      code: string;
      detail: string;
      field?: string;
      errors?: {
        field: string;
        code: string;
        message: string;
      }[];
    } & {
      [key: string]: unknown;
    };
    AccountInput: {
      id: string;
      name: string;
      email: string | null;
      metadata: {
        [key: string]: string;
      };
      createdAt: string;
      /** @description The test clock it lives on (sandbox) */
      testClockId: string | null;
    };
    SiweNonceInput: {
      /** @description put it in the EIP-4361 message; single use */
      nonce: string;
      expiresAt: string;
      /** @description the domain the message must name */
      domain: string;
      /** @description the chain id the message must name */
      chainId: number;
    };
    SessionCreatedInput: {
      /** @description send as "Authorization: Bearer <token>"; shown once */
      token: string;
      sessionId: string;
      accountId: string;
      /** @description the wallet, checksummed */
      address: string;
      /** @description true when this sign-in opened the account */
      accountCreated: boolean;
      expiresAt: string;
    };
    DepositInput: {
      id: string;
      accountId: string | null;
      /**
       * @description seen: waiting for confirmations; credited; held_for_review: unknown sender; reorged: never credited
       * @enum {string}
       */
      status: 'seen' | 'credited' | 'held_for_review' | 'reorged';
      chainId: number;
      tokenAddress: string;
      txHash: string;
      logIndex: number;
      fromAddress: string;
      blockNumber: string;
      amount: {
        amount: string;
        /** @constant */
        unit: 'USDT';
      };
      /** @description CREDIT added (1 USDT = 1 CREDIT), once credited */
      credit: components['schemas']['MoneyInput'] | null;
      /** @description Pictor’s own fee on the deposit: always 0 (1 USDT = 1 CREDIT); the chain’s gas is networkFee */
      fee: components['schemas']['MoneyInput'];
      transactionId: string | null;
      explorerUrl: string;
      /** @description who paid the chain’s network fee (gas), and whether Pictor refunded it */
      networkFee: {
        /**
         * @description pictor: Pictor’s relayer sent the transfer and paid its gas; sender: the sending wallet did
         * @enum {string}
         */
        paidBy: 'pictor' | 'sender';
        /** @description the relay, when Pictor’s relayer sent it */
        relayId: string | null;
        /** @description gasUsed × effectiveGasPrice: what the relayer paid, or what the wallet paid when refunded */
        amount: {
          amount: string;
          /** @constant */
          unit: 'ETH';
        } | null;
        /** @description the sender paid and Pictor refunded the gas as credits ("Network fee sponsored") */
        refund: {
          credits: components['schemas']['MoneyInput'];
          transactionId: string;
        } | null;
        /** @description the sentence the receipt prints */
        statement: string;
      };
      /** @description a seen deposit is credited once count reaches required */
      confirmations: {
        /** @description head − the deposit’s block + 1, as the watcher last saw the chain; null before its first pass */
        count: number | null;
        /** @description confirmations the watcher waits for before crediting (PICTOR_DEPOSIT_CONFIRMATIONS) */
        required: number | null;
      };
      createdAt: string;
      updatedAt: string;
    };
    SignInCodeSentInput: {
      /** @description the address as it will be used (trimmed, lowercase) */
      email: string;
      /** @description the code works once, until then (10 minutes) */
      expiresAt: string;
      /** @description the embedded sandbox only: the page showing the code (no SMTP configured); null otherwise */
      sandboxMailUrl: string | null;
    };
    SessionInput: {
      id: string;
      /** @enum {string} */
      method: 'wallet' | 'email';
      /** @description the wallet of a wallet session */
      address: string | null;
      /** @description the email of an email session */
      email: string | null;
      createdAt: string;
      expiresAt: string;
      /** @description the session this request is authenticated with */
      current: boolean;
    };
    EmailSessionCreatedInput: {
      /** @description send as "Authorization: Bearer <token>"; shown once */
      token: string;
      sessionId: string;
      accountId: string;
      email: string;
      /** @description true when this sign-in opened the account */
      accountCreated: boolean;
      expiresAt: string;
    };
    WaysInInput: {
      /** @description checksummed addresses */
      wallets: string[];
      emails: string[];
    };
    ApiKeySummaryInput: {
      id: string;
      /** @enum {string} */
      role: 'operator' | 'service' | 'customer';
      accountId: string | null;
      label: string;
      createdAt: string;
    };
    AccountLookupInput: {
      account: components['schemas']['AccountInput'];
      waysIn: components['schemas']['WaysInInput'];
      sessions: {
        id: string;
        /** @enum {string} */
        method: 'wallet' | 'email';
        /** @description the wallet of a wallet session */
        address: string | null;
        /** @description the email of an email session */
        email: string | null;
        createdAt: string;
        expiresAt: string;
      }[];
      apiKeys: components['schemas']['ApiKeySummaryInput'][];
    };
    RenderJobQuoteInput: {
      rateCardVersion: number;
      /** @description the resources asked for, per hour */
      hourlyRate: components['schemas']['MoneyInput'];
      /** @description reserved when each task starts: its time limit's cost */
      holdPerTask: components['schemas']['MoneyInput'];
      /** @description charged when each task completes: secondsPerTask at the hourly rate */
      chargePerTask: components['schemas']['MoneyInput'];
      /** @description all tasks charged */
      total: components['schemas']['MoneyInput'];
      available: components['schemas']['MoneyInput'];
      /** @description available less the total (negative: the job will pause) */
      availableAfter: components['schemas']['MoneyInput'];
      /** @description false: the first task's hold does not fit, the job starts paused */
      firstTaskFits: boolean;
    };
    BalanceInput: {
      /**
       * @description USD moves in cents; CREDIT and TOKEN carry up to 6 decimals
       * @enum {string}
       */
      unit: 'USD' | 'CREDIT' | 'TOKEN';
      balance: string;
      held: string;
      available: string;
    };
    TransactionInput: {
      id: string;
      accountId: string;
      /** @enum {string} */
      kind: 'payment' | 'charge' | 'promotion' | 'refund' | 'other';
      /** @description signed: positive adds to the wallet, negative deducts */
      amount: components['schemas']['MoneyInput'];
      description: string;
      metadata: {
        [key: string]: string;
      };
      holdId: string | null;
      createdAt: string;
      links: {
        /** @description the PDF of the document that covers this transaction (receipt, invoice, credit note, booth invoice, token statement); null when none does */
        invoice: string | null;
        /** @description block explorer page of the on-chain transaction, if any */
        explorer: string | null;
      };
    };
    HoldInput: {
      id: string;
      accountId: string;
      amount: components['schemas']['MoneyInput'];
      /** @enum {string} */
      status: 'pending' | 'posted' | 'voided' | 'expired';
      posted: components['schemas']['MoneyInput'] | null;
      transactionId: string | null;
      description: string;
      metadata: {
        [key: string]: string;
      };
      createdAt: string;
      expiresAt: string;
      resolvedAt: string | null;
    };
    BillingOverviewInput: {
      accountId: string;
      /**
       * @description USD moves in cents; CREDIT and TOKEN carry up to 6 decimals
       * @enum {string}
       */
      unit: 'USD' | 'CREDIT' | 'TOKEN';
      balance: string;
      available: string;
      /** @description credits spent on services: Charge transactions minus the refunds of charges */
      used: string;
      /** @description credits bought (Payment transactions), fees excluded */
      toppedUp: string;
      promotions: string;
      refunded: string;
      /** @description used ÷ topped up × 100, two decimals; null before any top-up */
      usagePercent: string | null;
      days: {
        day: string;
        used: string;
        toppedUp: string;
      }[];
    };
    AlertSettingsInput: {
      accountId: string;
      lowBalance: components['schemas']['MoneyInput'] | null;
      lowRemainingHours: number | null;
      emails: string[];
      /**
       * @description account: none set; the account's email
       * @enum {string}
       */
      emailSource: 'settings' | 'account';
      /** @description each of emails: verified ones receive alerts; an unverified one (saved before verification) is skipped */
      recipients: {
        email: string;
        verified: boolean;
      }[];
      /** @description every address verified for this account's alerts (its emails, and alert emails confirmed by code): these may be named without a code */
      verifiedEmails: string[];
      webhook: {
        url: string;
        /** @description the secret itself is never shown */
        secretSet: boolean;
      } | null;
      updatedAt: string | null;
    };
    AlertEmailVerifiedInput: {
      accountId: string;
      /** @description as stored and compared (trimmed, lowercase) */
      email: string;
      verifiedAt: string;
    };
    InvoiceInput: {
      /** @description gapless, e.g. PB-000001 */
      number: string;
      /**
       * @description Receipt: a payment; Invoice: a charge; Credit note: a refund; Adjustment note: other
       * @enum {string}
       */
      title: 'Receipt' | 'Invoice' | 'Credit note' | 'Adjustment note';
      /** @description the seller's legal name */
      issuer: string;
      seller: {
        legalName: string;
        address: string;
        taxId: string;
        supportEmail: string;
      };
      /** @description the transaction's time */
      date: string;
      transactionId: string;
      accountId: string;
      /** @enum {string} */
      kind: 'payment' | 'charge' | 'promotion' | 'refund' | 'other';
      /**
       * @description USD moves in cents; CREDIT and TOKEN carry up to 6 decimals
       * @enum {string}
       */
      unit: 'USD' | 'CREDIT' | 'TOKEN';
      billTo: {
        name: string;
        email: string | null;
        address: string | null;
        taxInformation: string | null;
      };
      settings: {
        /** @enum {string} */
        source: 'invoice_settings' | 'account';
        /** @description the version in force at the transaction's time */
        version: number | null;
      };
      lines: {
        description: string;
        /** @enum {string} */
        effect: 'deducted' | 'added';
        /** @description e.g. "Credits deducted" */
        label: string;
        /** @description always positive; `effect` gives the direction */
        amount: components['schemas']['MoneyInput'];
      }[];
      details: {
        /** @description receipts only: the payment acknowledged */
        payment: {
          /** @enum {string} */
          method: 'PayPal' | 'PayPal (sandbox)' | 'USDT';
          /** @enum {string} */
          currency: 'USD' | 'USDT';
          /** @description credits received */
          credits: components['schemas']['MoneyInput'];
          /** @description paid for the credits, in `currency` */
          amountPaid: string;
          /** @description the rail's fee paid on top (PayPal); 0 for USDT */
          fee: string;
          /** @description USDT only: who paid the chain’s network fee (gas) */
          networkFee: {
            /** @enum {string} */
            paidBy: 'pictor' | 'sender';
            /** @description gasUsed × effectiveGasPrice: what Pictor’s relayer paid, or what the sending wallet paid when Pictor refunded it; null when not known */
            amount: {
              amount: string;
              /** @constant */
              unit: 'ETH';
            } | null;
            /** @description the sender paid the gas and Pictor refunded it as credits (the "Network fee sponsored" transaction) */
            refund: {
              credits: components['schemas']['MoneyInput'];
              transactionId: string;
            } | null;
            /** @description the sentence the receipt prints */
            statement: string;
          } | null;
          /** @description amount paid + fee */
          totalCharged: string;
          references: {
            label: string;
            value: string;
            url: string | null;
          }[];
        } | null;
        /** @description the promotion granted with this payment */
        promotion: {
          name: string;
          credits: components['schemas']['MoneyInput'];
          transactionId: string;
        } | null;
        /** @description what a charge billed: resources × duration × rate */
        usage: {
          description: string;
          quantity: string;
          rate: string;
          amount: components['schemas']['MoneyInput'];
        }[];
        /** @description a credit note's original document */
        refundOf: {
          transactionId: string;
          number: string;
          date: string;
        } | null;
        /** @description a credit note of a USDT top-up: the on-chain payout transaction and its explorer page */
        payout: {
          label: string;
          value: string;
          url: string | null;
        } | null;
      };
      totals: {
        /** @description the net effect in words, e.g. "Credits deducted" */
        label: string;
        /** @description the net amount, positive */
        amount: components['schemas']['MoneyInput'];
        deducted: components['schemas']['MoneyInput'];
        added: components['schemas']['MoneyInput'];
        /** @description signed, equals the transaction amount */
        net: components['schemas']['MoneyInput'];
      };
    };
    InvoiceSettingsInput: {
      accountId: string;
      /**
       * @description account: none set yet; invoices use the account's name and email
       * @enum {string}
       */
      source: 'invoice_settings' | 'account';
      version: number | null;
      name: string | null;
      email: string | null;
      address: string | null;
      taxInformation: string | null;
      /** @description from when this version applies (to later transactions) */
      effectiveAt: string | null;
    };
    RenderingRateCardInput: {
      version: number;
      gpuHour: components['schemas']['MoneyInput'];
      cpuCoreHour: components['schemas']['MoneyInput'];
      ramGbHour: components['schemas']['MoneyInput'];
      storageGbHour: components['schemas']['MoneyInput'];
      effectiveAt: string;
    };
    RenderJobInput: {
      id: string;
      /** @description the farm's job id */
      jobId: string;
      accountId: string;
      /** @enum {string} */
      status: 'running' | 'paused_insufficient_credits' | 'completed' | 'cancelled';
      /** @description for people: "running", "paused (insufficient credits)", ... */
      statusLabel: string;
      pauseReason: string | null;
      /** @description while paused: the max cost of the task that was refused */
      required: components['schemas']['MoneyInput'] | null;
      rateCardVersion: number;
      tasks: {
        running: number;
        completed: number;
        failed: number;
      };
      /** @description what its completed tasks were charged */
      costSoFar: components['schemas']['MoneyInput'];
      createdAt: string;
      updatedAt: string;
    };
    RenderTaskInput: {
      id: string;
      /** @description the farm's task id */
      taskId: string;
      /** @description the farm's job id */
      jobId: string;
      accountId: string;
      /** @enum {string} */
      status: 'running' | 'completed' | 'failed';
      resources: {
        gpus: number;
        cpuCores: number;
        ramGb: number;
        storageGb: number;
      };
      timeLimitSeconds: number;
      /** @description what the hold reserves */
      maxCost: components['schemas']['MoneyInput'];
      holdId: string;
      usage: {
        gpus: number;
        cpuCores: number;
        ramGb: number;
        storageGb: number;
        seconds: number;
      } | null;
      actualCost: components['schemas']['MoneyInput'] | null;
      chargeTransactionId: string | null;
      failureReason: string | null;
      createdAt: string;
      updatedAt: string;
    };
    GpuRentalQuoteInput: {
      instanceType: string;
      maxDiskGb: number;
      periodStart: string;
      periodEnd: string;
      hours: number;
      /** @description hours × the compute rate */
      compute: components['schemas']['MoneyInput'];
      /** @description hours × disk GB × the storage rate */
      storage: components['schemas']['MoneyInput'];
      /** @description charged up front when renting now */
      total: components['schemas']['MoneyInput'];
      /** @description the available Credit Balance now */
      available: components['schemas']['MoneyInput'];
      /** @description after paying the total; negative: renting would be refused */
      availableAfter: components['schemas']['MoneyInput'];
    };
    GpuInstanceTypeInput: {
      code: string;
      version: number;
      name: string;
      computeRatePerHour: components['schemas']['MoneyInput'];
      storageRatePerGbHour: components['schemas']['MoneyInput'];
      /** @description the largest disk a rental of this type may have */
      maxDiskGb: number;
      available: boolean;
      createdAt: string;
    };
    GpuInstanceInput: {
      id: string;
      accountId: string;
      instanceType: string;
      typeVersion: number;
      diskGb: number;
      period: {
        /** @enum {string} */
        unit: 'hour' | 'day' | 'week' | 'month';
        count: number;
      };
      computeRatePerHour: components['schemas']['MoneyInput'];
      storageRatePerGbHour: components['schemas']['MoneyInput'];
      /** @description what each stopped hour costs */
      hourlyStorageFee: components['schemas']['MoneyInput'];
      /** @enum {string} */
      status: 'running' | 'stopped' | 'terminated';
      autoRenew: boolean;
      fleetInstanceId: string | null;
      currentPeriodStart: string;
      currentPeriodEnd: string;
      storagePaidUntil: string;
      stoppedAt: string | null;
      terminatedAt: string | null;
      createdAt: string;
    };
    TopUpQuoteInput: {
      accountId: string;
      /** @enum {string} */
      rail: 'paypal' | 'usdt';
      /** @description A, in USD */
      amount: components['schemas']['MoneyInput'];
      /** @description paypal: round_half_up(4.4% of A + $0.30, cents); usdt: 0 */
      fee: components['schemas']['MoneyInput'];
      /** @description what the customer pays: A + fee */
      total: components['schemas']['MoneyInput'];
      /** @description what the Payment transaction adds: A CREDIT */
      credits: components['schemas']['MoneyInput'];
      /** @description bonus if the money arrived now (a separate Promotion) */
      promotion: {
        id: string;
        name: string;
        bonus: components['schemas']['MoneyInput'];
      } | null;
      minimum: components['schemas']['MoneyInput'];
      maximum: components['schemas']['MoneyInput'];
    };
    TopUpOrderInput: {
      id: string;
      accountId: string;
      /** @enum {string} */
      rail: 'paypal' | 'sandbox';
      /** @enum {string} */
      status: 'created' | 'approved' | 'captured' | 'declined' | 'pending';
      statusDetail: string | null;
      amount: components['schemas']['MoneyInput'];
      fee: components['schemas']['MoneyInput'];
      total: components['schemas']['MoneyInput'];
      credits: components['schemas']['MoneyInput'];
      paypalOrderId: string;
      /** @description send the buyer here to approve the payment */
      approveUrl: string;
      captureId: string | null;
      createdAt: string;
      updatedAt: string;
    };
    CapturedTopUpInput: {
      order: components['schemas']['TopUpOrderInput'];
      /** @description the Payment: +A CREDIT */
      payment: components['schemas']['TransactionInput'];
      /** @description the promotion bonus, a separate Promotion transaction */
      promotion: components['schemas']['TransactionInput'] | null;
    };
    PromotionInput: {
      id: string;
      name: string;
      startsAt: string;
      endsAt: string | null;
      minimumTopUp: components['schemas']['MoneyInput'];
      bonus:
        | {
            /** @constant */
            type: 'percentage';
            basisPoints: number;
          }
        | {
            /** @constant */
            type: 'fixed';
            amount: components['schemas']['MoneyInput'];
          };
      maximumBonus: components['schemas']['MoneyInput'] | null;
      perCustomerLimit: number | null;
      /** @description not deactivated and inside its window now */
      active: boolean;
      createdBy: string;
      createdAt: string;
      deactivatedAt: string | null;
    };
    UsdtRelayInput: {
      id: string;
      accountId: string;
      /**
       * @description prepared: to be signed; submitting: being sent (settled from the chain if left so by a crash); submitted: the relayer sent txHash; failed: see failure (may be retried)
       * @enum {string}
       */
      status: 'prepared' | 'submitting' | 'submitted' | 'failed';
      from: string;
      /** @description Pictor’s deposit address */
      to: string;
      amount: {
        amount: string;
        /** @constant */
        unit: 'USDT';
      };
      /** @description unix seconds, chain time: the token refuses the authorization from then on */
      validBefore: string;
      nonce: string;
      /** @description the account that submits the transaction and pays its gas */
      relayer: string;
      txHash: string | null;
      explorerUrl: string | null;
      failure: string | null;
      /** @description the gas Pictor paid, once the deposit is credited */
      networkFee: {
        /** @constant */
        paidBy: 'pictor';
        gasUsed: string;
        /** @description wei per gas */
        effectiveGasPrice: string;
        /** @description native token, 18 decimals */
        amount: {
          amount: string;
          /** @constant */
          unit: 'ETH';
        };
      } | null;
      /** @description EIP-712 typed data for eth_signTypedData_v4 (EIP-3009 TransferWithAuthorization) */
      typedData: {
        domain: {
          name: string;
          version: string;
          chainId: number;
          verifyingContract: string;
        };
        types: {
          EIP712Domain: {
            name: string;
            type: string;
          }[];
          TransferWithAuthorization: {
            name: string;
            type: string;
          }[];
        };
        /** @constant */
        primaryType: 'TransferWithAuthorization';
        message: {
          from: string;
          to: string;
          value: string;
          validAfter: string;
          validBefore: string;
          nonce: string;
        };
      };
      createdAt: string;
    };
    PaymentAttemptInput: {
      invoiceId: string;
      /** @description null for a declined purchase: it was never numbered and is not in the invoice list */
      invoiceNumber: string | null;
      /** @description 1, 2, … on the same invoice (dunning retries, Pay again) */
      attempt: number;
      /** @description what was being paid, e.g. "Token top-up: 500 tokens" */
      description: string;
      amount: components['schemas']['MoneyInput'];
      /** @description the card as it was when charged; null: there was no default card */
      card: {
        brand: string;
        last4: string;
      } | null;
      attemptedAt: string;
      /** @description null while the processor's answer is unknown */
      outcome: ('succeeded' | 'declined') | null;
      declineCode: string | null;
      /** @description why it failed, as a sentence for the customer; null unless declined */
      reason: string | null;
    };
    PaymentMethodInput: {
      id: string;
      brand: string;
      last4: string;
      expMonth: number;
      expYear: number;
      /** @description the default card pays everything automatically */
      isDefault: boolean;
      createdAt: string;
      removedAt: string | null;
    };
    BoothInvoiceDunningInput: {
      /**
       * @description retrying until a retry (or the customer) pays it: paid; the last retry declined: uncollectible; the invoice was voided: voided
       * @enum {string}
       */
      status: 'retrying' | 'paid' | 'uncollectible' | 'voided';
      /** @description the renewal that failed */
      billingDate: string;
      /** @description retries in its schedule (days 1, 3 and 5 after the billing date: 3) */
      retries: number;
      /** @description retries that ran so far */
      retriesMade: number;
      lastRetryAt: string | null;
      /** @description when the default card is charged again; null once the dunning ended */
      nextRetryAt: string | null;
    };
    BoothInvoiceInput: {
      id: string;
      accountId: string;
      /** @description 7KQ2MZ4X-000001; null while a draft */
      number: string | null;
      /** @enum {string} */
      status: 'draft' | 'open' | 'paid' | 'void' | 'uncollectible';
      /** @description finalization date (creation date while a draft) */
      date: string;
      description: string;
      lines: {
        position: number;
        /** @enum {string} */
        kind:
          | 'purchase'
          | 'renewal'
          | 'pro_rata'
          | 'volume_discount'
          | 'coupon'
          | 'cancellation_credit'
          | 'volume_discount_adjustment'
          | 'token_top_up';
        description: string;
        quantity: number;
        /** @description signed: credits and discounts are negative */
        amount: components['schemas']['MoneyInput'];
        metadata: {
          [key: string]: string;
        };
      }[];
      /** @description the sum of the lines */
      subtotal: components['schemas']['MoneyInput'];
      /** @description account credit deducted once from the subtotal (not a line) */
      creditApplied: components['schemas']['MoneyInput'];
      /** @description subtotal − credit applied */
      total: components['schemas']['MoneyInput'];
      amountPaid: components['schemas']['MoneyInput'];
      amountDue: components['schemas']['MoneyInput'];
      billTo: {
        settingsVersion: number | null;
        name: string;
        email: string | null;
        address: string | null;
        taxInformation: string | null;
      } | null;
      paymentAttempts: number;
      paymentMethodId: string | null;
      lastDecline: {
        code: string;
        message: string | null;
      } | null;
      createdAt: string;
      finalizedAt: string | null;
      paidAt: string | null;
      voidedAt: string | null;
      markedUncollectibleAt: string | null;
      pdfUrl: string | null;
      /** @description the retries of a failed renewal; null otherwise */
      dunning: components['schemas']['BoothInvoiceDunningInput'] | null;
    };
    BoothInvoiceRowInput: {
      id: string;
      number: string | null;
      date: string;
      description: string;
      amount: components['schemas']['MoneyInput'];
      /** @enum {string} */
      status: 'draft' | 'open' | 'paid' | 'void' | 'uncollectible';
      pdfUrl: string | null;
      dunning: components['schemas']['BoothInvoiceDunningInput'] | null;
    };
    CardProcessorConfigInput: {
      publishableKey: string;
      /** @description POST {tokenizeUrl}/v1/payment_methods with the publishable key */
      tokenizeUrl: string;
      /** @enum {string} */
      mode: 'processor' | 'sandbox';
    };
    LicenseQuoteInput: {
      /** @enum {string} */
      product: 'basic' | 'pro' | 'premium' | 'enterprise';
      /** @enum {string} */
      period: 'monthly' | 'annual';
      quantity: number;
      catalogVersion: number;
      listUnitPrice: components['schemas']['MoneyInput'];
      /** @description list price (or pro-rata part), volume discount, coupon; the subtotal is their sum */
      lines: {
        kind: string;
        description: string;
        quantity: number;
        amount: components['schemas']['MoneyInput'];
      }[];
      /** @description the sum of the lines */
      subtotal: components['schemas']['MoneyInput'];
      /** @description account credit deducted once from the subtotal (not a line) */
      accountCredit: components['schemas']['MoneyInput'];
      /** @description subtotal − account credit */
      total: components['schemas']['MoneyInput'];
      /** @description the instant this quote was priced from; send it with the purchase (within 15 minutes) to be charged these very lines */
      pricedAt: string;
      volumeDiscount: {
        rate: string;
        activeLicensesAfter: number;
      };
      periodStart: string;
      /** @description the billing date the licenses renew on */
      periodEnd: string;
      proRata: {
        remainingSeconds: number;
        cycleSeconds: number;
      } | null;
      coupon: {
        code: string;
        applied: boolean;
        /** @description why it gives no discount */
        reason: string | null;
        detail: string | null;
        discount: components['schemas']['MoneyInput'];
      } | null;
      /** @description credit the licenses already running get (account credit, applied to the next invoice) */
      volumeDiscountCredit: {
        amount: components['schemas']['MoneyInput'];
        licenses: number;
      } | null;
    };
    LicenseInput: {
      id: string;
      accountId: string;
      orderId: string;
      /** @enum {string} */
      tier: 'basic' | 'pro' | 'premium' | 'enterprise';
      /** @enum {string} */
      period: 'monthly' | 'annual';
      /** @enum {string} */
      status: 'active' | 'expired' | 'removed';
      catalogVersion: number;
      listPrice: components['schemas']['MoneyInput'];
      /** @description what one full period of it is billed at: list price after its volume discount and coupon */
      billedPrice: components['schemas']['MoneyInput'];
      purchasedAt: string;
      currentPeriodStart: string;
      currentPeriodEnd: string;
      renewsAt: string | null;
      cancelAtPeriodEnd: boolean;
      cancelEffectiveAt: string | null;
      pendingDowngrade: ('basic' | 'pro' | 'premium') | null;
      downgradeEffectiveAt: string | null;
      openInvoiceId: string | null;
      endedAt: string | null;
      endReason: string | null;
      createdAt: string;
    };
    LicenseCatalogInput: {
      version: number;
      tiers: {
        /** @enum {string} */
        tier: 'basic' | 'pro' | 'premium';
        monthly: components['schemas']['MoneyInput'];
        annual: components['schemas']['MoneyInput'];
        /** @description all features, lower tiers included */
        features: {
          code: string;
          name: string;
        }[];
        ownFeatures: {
          code: string;
          name: string;
        }[];
      }[];
      enterprise: {
        annual: components['schemas']['MoneyInput'];
        features: {
          code: string;
          name: string;
        }[];
        /** @constant */
        requiresBaseLicense: true;
      };
      /** @description output kinds of the booth app: token cost and tier */
      outputs: {
        kind: string;
        name: string;
        /** @description token cost of one output */
        tokens: components['schemas']['MoneyInput'];
        /**
         * @description the lowest event tag that may produce it
         * @enum {string}
         */
        tier: 'basic' | 'pro' | 'premium';
        ai: boolean;
      }[];
      volumeDiscounts: {
        minLicenses: number;
        maxLicenses: number | null;
        rate: string;
      }[];
      createdAt: string;
    };
    CouponInput: {
      id: string;
      code: string;
      percentOff: string | null;
      amountOff: components['schemas']['MoneyInput'] | null;
      validFrom: string | null;
      validUntil: string | null;
      maxRedemptions: number | null;
      /** @enum {string} */
      duration: 'once' | 'repeating' | 'forever';
      durationRenewals: number | null;
      createdAt: string;
    };
    BoothStatusInput: {
      accountId: string;
      locked: boolean;
      reason: string | null;
      lockedSince: string | null;
      usableLicenses: {
        id: string;
        /** @enum {string} */
        tier: 'basic' | 'pro' | 'premium';
      }[];
      monthlyAnchor: string | null;
      history: {
        locked: boolean;
        reason: string;
        at: string;
      }[];
      enterprise: {
        /** @enum {string} */
        status: 'none' | 'active' | 'suspended';
        licenseId: string | null;
        renewsAt: string | null;
        /** @description why it is suspended */
        reason: string | null;
      };
      /** @description what the Enterprise add-on grants now: all true while it and a base license are active */
      entitlements: {
        whiteLabel: boolean;
        customDomain: boolean;
        brandedEmails: boolean;
        dedicatedSupport: boolean;
      };
    };
    BoothTemplateInput: {
      id: string;
      name: string;
      outputs: {
        kind: string;
        count: number;
      }[];
      features: string[];
      /**
       * @description the license tier its features need
       * @enum {string}
       */
      tier: 'basic' | 'pro' | 'premium';
      /** @description tokens one session of this template costs */
      costPerSession: components['schemas']['MoneyInput'];
      /** @description a session pays for an AI output (no virtual booth token then) */
      paysForAi: boolean;
      archived: boolean;
      updatedAt: string;
    };
    BoothEventInput: {
      id: string;
      accountId: string;
      name: string;
      /**
       * @description the highest tier among its features: the license tier it needs
       * @enum {string}
       */
      tag: 'basic' | 'pro' | 'premium';
      virtualBooth: boolean;
      features: string[];
      templateIds: string[];
      /** @enum {string} */
      status: 'registered' | 'running' | 'paused' | 'ended';
      /** @description why it is paused (account_locked: …, license_ended: …) */
      pauseReason: string | null;
      /** @description the license it runs on */
      license: {
        id: string;
        /** @enum {string} */
        tier: 'basic' | 'pro' | 'premium';
      } | null;
      sessionsEnded: number;
      createdAt: string;
      startedAt: string | null;
      endedAt: string | null;
    };
    TokenPacksInput: {
      data: {
        tokens: number;
        price: components['schemas']['MoneyInput'];
        pricePerToken: components['schemas']['MoneyInput'];
      }[];
    };
    TokenPurchaseInput: {
      id: string;
      accountId: string;
      pack: number;
      quantity: number;
      tokens: components['schemas']['MoneyInput'];
      price: components['schemas']['MoneyInput'];
      /** @enum {string} */
      status: 'pending' | 'paid' | 'declined';
      invoiceId: string | null;
      transactionId: string | null;
      declineReason: string | null;
      createdAt: string;
    };
    TokenAutoTopupInput: {
      accountId: string;
      enabled: boolean;
      threshold: components['schemas']['MoneyInput'];
      pack: number;
      maxPerDay: number;
      /** @description false after a purchase until the balance is back at or above the threshold */
      armed: boolean;
      crossings: number;
      /** @description why it was turned off (a declined card) */
      disabledReason: string | null;
    };
    MeInput: {
      /** @enum {string} */
      role: 'operator' | 'service' | 'customer';
      /** @description a customer key's or wallet session's account; null otherwise */
      account: components['schemas']['AccountInput'] | null;
    };
    DemoSignInInput: {
      accountId: string;
      /** @description a customer API key of the demo account */
      key: string;
    };
    RunwayInput: {
      accountId: string;
      available: components['schemas']['MoneyInput'];
      /** @description what the GPU instances draw per hour now (stopped ones: storage only) */
      hourlyBurn: components['schemas']['MoneyInput'];
      /** @description available ÷ hourly burn, two decimals rounded down; null when nothing burns */
      remainingHours: string | null;
    };
    TestClockInput: {
      id: string;
      name: string | null;
      frozenTime: string;
      /** @enum {string} */
      status: 'ready' | 'advancing';
      createdAt: string;
    };
    Money: {
      amount: string;
      /**
       * @description USD moves in cents; CREDIT and TOKEN carry up to 6 decimals
       * @enum {string}
       */
      unit: 'USD' | 'CREDIT' | 'TOKEN';
    };
    Problem: {
      type: string;
      title: string;
      status: number;
      code: string;
      detail: string;
      field?: string;
      errors?: {
        field: string;
        code: string;
        message: string;
      }[];
    } & {
      [key: string]: unknown;
    };
    Account: {
      id: string;
      name: string;
      email: string | null;
      metadata: {
        [key: string]: string;
      };
      createdAt: string;
      /** @description The test clock it lives on (sandbox) */
      testClockId: string | null;
    };
    SiweNonce: {
      /** @description put it in the EIP-4361 message; single use */
      nonce: string;
      expiresAt: string;
      /** @description the domain the message must name */
      domain: string;
      /** @description the chain id the message must name */
      chainId: number;
    };
    SessionCreated: {
      /** @description send as "Authorization: Bearer <token>"; shown once */
      token: string;
      sessionId: string;
      accountId: string;
      /** @description the wallet, checksummed */
      address: string;
      /** @description true when this sign-in opened the account */
      accountCreated: boolean;
      expiresAt: string;
    };
    Deposit: {
      id: string;
      accountId: string | null;
      /**
       * @description seen: waiting for confirmations; credited; held_for_review: unknown sender; reorged: never credited
       * @enum {string}
       */
      status: 'seen' | 'credited' | 'held_for_review' | 'reorged';
      chainId: number;
      tokenAddress: string;
      txHash: string;
      logIndex: number;
      fromAddress: string;
      blockNumber: string;
      amount: {
        amount: string;
        /** @constant */
        unit: 'USDT';
      };
      /** @description CREDIT added (1 USDT = 1 CREDIT), once credited */
      credit: components['schemas']['Money'] | null;
      /** @description Pictor’s own fee on the deposit: always 0 (1 USDT = 1 CREDIT); the chain’s gas is networkFee */
      fee: components['schemas']['Money'];
      transactionId: string | null;
      explorerUrl: string;
      /** @description who paid the chain’s network fee (gas), and whether Pictor refunded it */
      networkFee: {
        /**
         * @description pictor: Pictor’s relayer sent the transfer and paid its gas; sender: the sending wallet did
         * @enum {string}
         */
        paidBy: 'pictor' | 'sender';
        /** @description the relay, when Pictor’s relayer sent it */
        relayId: string | null;
        /** @description gasUsed × effectiveGasPrice: what the relayer paid, or what the wallet paid when refunded */
        amount: {
          amount: string;
          /** @constant */
          unit: 'ETH';
        } | null;
        /** @description the sender paid and Pictor refunded the gas as credits ("Network fee sponsored") */
        refund: {
          credits: components['schemas']['Money'];
          transactionId: string;
        } | null;
        /** @description the sentence the receipt prints */
        statement: string;
      };
      /** @description a seen deposit is credited once count reaches required */
      confirmations: {
        /** @description head − the deposit’s block + 1, as the watcher last saw the chain; null before its first pass */
        count: number | null;
        /** @description confirmations the watcher waits for before crediting (PICTOR_DEPOSIT_CONFIRMATIONS) */
        required: number | null;
      };
      createdAt: string;
      updatedAt: string;
    };
    SignInCodeSent: {
      /** @description the address as it will be used (trimmed, lowercase) */
      email: string;
      /** @description the code works once, until then (10 minutes) */
      expiresAt: string;
      /** @description the embedded sandbox only: the page showing the code (no SMTP configured); null otherwise */
      sandboxMailUrl: string | null;
    };
    Session: {
      id: string;
      /** @enum {string} */
      method: 'wallet' | 'email';
      /** @description the wallet of a wallet session */
      address: string | null;
      /** @description the email of an email session */
      email: string | null;
      createdAt: string;
      expiresAt: string;
      /** @description the session this request is authenticated with */
      current: boolean;
    };
    EmailSessionCreated: {
      /** @description send as "Authorization: Bearer <token>"; shown once */
      token: string;
      sessionId: string;
      accountId: string;
      email: string;
      /** @description true when this sign-in opened the account */
      accountCreated: boolean;
      expiresAt: string;
    };
    WaysIn: {
      /** @description checksummed addresses */
      wallets: string[];
      emails: string[];
    };
    ApiKeySummary: {
      id: string;
      /** @enum {string} */
      role: 'operator' | 'service' | 'customer';
      accountId: string | null;
      label: string;
      createdAt: string;
    };
    AccountLookup: {
      account: components['schemas']['Account'];
      waysIn: components['schemas']['WaysIn'];
      sessions: {
        id: string;
        /** @enum {string} */
        method: 'wallet' | 'email';
        /** @description the wallet of a wallet session */
        address: string | null;
        /** @description the email of an email session */
        email: string | null;
        createdAt: string;
        expiresAt: string;
      }[];
      apiKeys: components['schemas']['ApiKeySummary'][];
    };
    RenderJobQuote: {
      rateCardVersion: number;
      /** @description the resources asked for, per hour */
      hourlyRate: components['schemas']['Money'];
      /** @description reserved when each task starts: its time limit's cost */
      holdPerTask: components['schemas']['Money'];
      /** @description charged when each task completes: secondsPerTask at the hourly rate */
      chargePerTask: components['schemas']['Money'];
      /** @description all tasks charged */
      total: components['schemas']['Money'];
      available: components['schemas']['Money'];
      /** @description available less the total (negative: the job will pause) */
      availableAfter: components['schemas']['Money'];
      /** @description false: the first task's hold does not fit, the job starts paused */
      firstTaskFits: boolean;
    };
    Balance: {
      /**
       * @description USD moves in cents; CREDIT and TOKEN carry up to 6 decimals
       * @enum {string}
       */
      unit: 'USD' | 'CREDIT' | 'TOKEN';
      balance: string;
      held: string;
      available: string;
    };
    Transaction: {
      id: string;
      accountId: string;
      /** @enum {string} */
      kind: 'payment' | 'charge' | 'promotion' | 'refund' | 'other';
      /** @description signed: positive adds to the wallet, negative deducts */
      amount: components['schemas']['Money'];
      description: string;
      metadata: {
        [key: string]: string;
      };
      holdId: string | null;
      createdAt: string;
      links: {
        /** @description the PDF of the document that covers this transaction (receipt, invoice, credit note, booth invoice, token statement); null when none does */
        invoice: string | null;
        /** @description block explorer page of the on-chain transaction, if any */
        explorer: string | null;
      };
    };
    Hold: {
      id: string;
      accountId: string;
      amount: components['schemas']['Money'];
      /** @enum {string} */
      status: 'pending' | 'posted' | 'voided' | 'expired';
      posted: components['schemas']['Money'] | null;
      transactionId: string | null;
      description: string;
      metadata: {
        [key: string]: string;
      };
      createdAt: string;
      expiresAt: string;
      resolvedAt: string | null;
    };
    BillingOverview: {
      accountId: string;
      /**
       * @description USD moves in cents; CREDIT and TOKEN carry up to 6 decimals
       * @enum {string}
       */
      unit: 'USD' | 'CREDIT' | 'TOKEN';
      balance: string;
      available: string;
      /** @description credits spent on services: Charge transactions minus the refunds of charges */
      used: string;
      /** @description credits bought (Payment transactions), fees excluded */
      toppedUp: string;
      promotions: string;
      refunded: string;
      /** @description used ÷ topped up × 100, two decimals; null before any top-up */
      usagePercent: string | null;
      days: {
        day: string;
        used: string;
        toppedUp: string;
      }[];
    };
    AlertSettings: {
      accountId: string;
      lowBalance: components['schemas']['Money'] | null;
      lowRemainingHours: number | null;
      emails: string[];
      /**
       * @description account: none set; the account's email
       * @enum {string}
       */
      emailSource: 'settings' | 'account';
      /** @description each of emails: verified ones receive alerts; an unverified one (saved before verification) is skipped */
      recipients: {
        email: string;
        verified: boolean;
      }[];
      /** @description every address verified for this account's alerts (its emails, and alert emails confirmed by code): these may be named without a code */
      verifiedEmails: string[];
      webhook: {
        url: string;
        /** @description the secret itself is never shown */
        secretSet: boolean;
      } | null;
      updatedAt: string | null;
    };
    AlertEmailVerified: {
      accountId: string;
      /** @description as stored and compared (trimmed, lowercase) */
      email: string;
      verifiedAt: string;
    };
    Invoice: {
      /** @description gapless, e.g. PB-000001 */
      number: string;
      /**
       * @description Receipt: a payment; Invoice: a charge; Credit note: a refund; Adjustment note: other
       * @enum {string}
       */
      title: 'Receipt' | 'Invoice' | 'Credit note' | 'Adjustment note';
      /** @description the seller's legal name */
      issuer: string;
      seller: {
        legalName: string;
        address: string;
        taxId: string;
        supportEmail: string;
      };
      /** @description the transaction's time */
      date: string;
      transactionId: string;
      accountId: string;
      /** @enum {string} */
      kind: 'payment' | 'charge' | 'promotion' | 'refund' | 'other';
      /**
       * @description USD moves in cents; CREDIT and TOKEN carry up to 6 decimals
       * @enum {string}
       */
      unit: 'USD' | 'CREDIT' | 'TOKEN';
      billTo: {
        name: string;
        email: string | null;
        address: string | null;
        taxInformation: string | null;
      };
      settings: {
        /** @enum {string} */
        source: 'invoice_settings' | 'account';
        /** @description the version in force at the transaction's time */
        version: number | null;
      };
      lines: {
        description: string;
        /** @enum {string} */
        effect: 'deducted' | 'added';
        /** @description e.g. "Credits deducted" */
        label: string;
        /** @description always positive; `effect` gives the direction */
        amount: components['schemas']['Money'];
      }[];
      details: {
        /** @description receipts only: the payment acknowledged */
        payment: {
          /** @enum {string} */
          method: 'PayPal' | 'PayPal (sandbox)' | 'USDT';
          /** @enum {string} */
          currency: 'USD' | 'USDT';
          /** @description credits received */
          credits: components['schemas']['Money'];
          /** @description paid for the credits, in `currency` */
          amountPaid: string;
          /** @description the rail's fee paid on top (PayPal); 0 for USDT */
          fee: string;
          /** @description USDT only: who paid the chain’s network fee (gas) */
          networkFee: {
            /** @enum {string} */
            paidBy: 'pictor' | 'sender';
            /** @description gasUsed × effectiveGasPrice: what Pictor’s relayer paid, or what the sending wallet paid when Pictor refunded it; null when not known */
            amount: {
              amount: string;
              /** @constant */
              unit: 'ETH';
            } | null;
            /** @description the sender paid the gas and Pictor refunded it as credits (the "Network fee sponsored" transaction) */
            refund: {
              credits: components['schemas']['Money'];
              transactionId: string;
            } | null;
            /** @description the sentence the receipt prints */
            statement: string;
          } | null;
          /** @description amount paid + fee */
          totalCharged: string;
          references: {
            label: string;
            value: string;
            url: string | null;
          }[];
        } | null;
        /** @description the promotion granted with this payment */
        promotion: {
          name: string;
          credits: components['schemas']['Money'];
          transactionId: string;
        } | null;
        /** @description what a charge billed: resources × duration × rate */
        usage: {
          description: string;
          quantity: string;
          rate: string;
          amount: components['schemas']['Money'];
        }[];
        /** @description a credit note's original document */
        refundOf: {
          transactionId: string;
          number: string;
          date: string;
        } | null;
        /** @description a credit note of a USDT top-up: the on-chain payout transaction and its explorer page */
        payout: {
          label: string;
          value: string;
          url: string | null;
        } | null;
      };
      totals: {
        /** @description the net effect in words, e.g. "Credits deducted" */
        label: string;
        /** @description the net amount, positive */
        amount: components['schemas']['Money'];
        deducted: components['schemas']['Money'];
        added: components['schemas']['Money'];
        /** @description signed, equals the transaction amount */
        net: components['schemas']['Money'];
      };
    };
    InvoiceSettings: {
      accountId: string;
      /**
       * @description account: none set yet; invoices use the account's name and email
       * @enum {string}
       */
      source: 'invoice_settings' | 'account';
      version: number | null;
      name: string | null;
      email: string | null;
      address: string | null;
      taxInformation: string | null;
      /** @description from when this version applies (to later transactions) */
      effectiveAt: string | null;
    };
    RenderingRateCard: {
      version: number;
      gpuHour: components['schemas']['Money'];
      cpuCoreHour: components['schemas']['Money'];
      ramGbHour: components['schemas']['Money'];
      storageGbHour: components['schemas']['Money'];
      effectiveAt: string;
    };
    RenderJob: {
      id: string;
      /** @description the farm's job id */
      jobId: string;
      accountId: string;
      /** @enum {string} */
      status: 'running' | 'paused_insufficient_credits' | 'completed' | 'cancelled';
      /** @description for people: "running", "paused (insufficient credits)", ... */
      statusLabel: string;
      pauseReason: string | null;
      /** @description while paused: the max cost of the task that was refused */
      required: components['schemas']['Money'] | null;
      rateCardVersion: number;
      tasks: {
        running: number;
        completed: number;
        failed: number;
      };
      /** @description what its completed tasks were charged */
      costSoFar: components['schemas']['Money'];
      createdAt: string;
      updatedAt: string;
    };
    RenderTask: {
      id: string;
      /** @description the farm's task id */
      taskId: string;
      /** @description the farm's job id */
      jobId: string;
      accountId: string;
      /** @enum {string} */
      status: 'running' | 'completed' | 'failed';
      resources: {
        gpus: number;
        cpuCores: number;
        ramGb: number;
        storageGb: number;
      };
      timeLimitSeconds: number;
      /** @description what the hold reserves */
      maxCost: components['schemas']['Money'];
      holdId: string;
      usage: {
        gpus: number;
        cpuCores: number;
        ramGb: number;
        storageGb: number;
        seconds: number;
      } | null;
      actualCost: components['schemas']['Money'] | null;
      chargeTransactionId: string | null;
      failureReason: string | null;
      createdAt: string;
      updatedAt: string;
    };
    GpuRentalQuote: {
      instanceType: string;
      maxDiskGb: number;
      periodStart: string;
      periodEnd: string;
      hours: number;
      /** @description hours × the compute rate */
      compute: components['schemas']['Money'];
      /** @description hours × disk GB × the storage rate */
      storage: components['schemas']['Money'];
      /** @description charged up front when renting now */
      total: components['schemas']['Money'];
      /** @description the available Credit Balance now */
      available: components['schemas']['Money'];
      /** @description after paying the total; negative: renting would be refused */
      availableAfter: components['schemas']['Money'];
    };
    GpuInstanceType: {
      code: string;
      version: number;
      name: string;
      computeRatePerHour: components['schemas']['Money'];
      storageRatePerGbHour: components['schemas']['Money'];
      /** @description the largest disk a rental of this type may have */
      maxDiskGb: number;
      available: boolean;
      createdAt: string;
    };
    GpuInstance: {
      id: string;
      accountId: string;
      instanceType: string;
      typeVersion: number;
      diskGb: number;
      period: {
        /** @enum {string} */
        unit: 'hour' | 'day' | 'week' | 'month';
        count: number;
      };
      computeRatePerHour: components['schemas']['Money'];
      storageRatePerGbHour: components['schemas']['Money'];
      /** @description what each stopped hour costs */
      hourlyStorageFee: components['schemas']['Money'];
      /** @enum {string} */
      status: 'running' | 'stopped' | 'terminated';
      autoRenew: boolean;
      fleetInstanceId: string | null;
      currentPeriodStart: string;
      currentPeriodEnd: string;
      storagePaidUntil: string;
      stoppedAt: string | null;
      terminatedAt: string | null;
      createdAt: string;
    };
    TopUpQuote: {
      accountId: string;
      /** @enum {string} */
      rail: 'paypal' | 'usdt';
      /** @description A, in USD */
      amount: components['schemas']['Money'];
      /** @description paypal: round_half_up(4.4% of A + $0.30, cents); usdt: 0 */
      fee: components['schemas']['Money'];
      /** @description what the customer pays: A + fee */
      total: components['schemas']['Money'];
      /** @description what the Payment transaction adds: A CREDIT */
      credits: components['schemas']['Money'];
      /** @description bonus if the money arrived now (a separate Promotion) */
      promotion: {
        id: string;
        name: string;
        bonus: components['schemas']['Money'];
      } | null;
      minimum: components['schemas']['Money'];
      maximum: components['schemas']['Money'];
    };
    TopUpOrder: {
      id: string;
      accountId: string;
      /** @enum {string} */
      rail: 'paypal' | 'sandbox';
      /** @enum {string} */
      status: 'created' | 'approved' | 'captured' | 'declined' | 'pending';
      statusDetail: string | null;
      amount: components['schemas']['Money'];
      fee: components['schemas']['Money'];
      total: components['schemas']['Money'];
      credits: components['schemas']['Money'];
      paypalOrderId: string;
      /** @description send the buyer here to approve the payment */
      approveUrl: string;
      captureId: string | null;
      createdAt: string;
      updatedAt: string;
    };
    CapturedTopUp: {
      order: components['schemas']['TopUpOrder'];
      /** @description the Payment: +A CREDIT */
      payment: components['schemas']['Transaction'];
      /** @description the promotion bonus, a separate Promotion transaction */
      promotion: components['schemas']['Transaction'] | null;
    };
    Promotion: {
      id: string;
      name: string;
      startsAt: string;
      endsAt: string | null;
      minimumTopUp: components['schemas']['Money'];
      bonus:
        | {
            /** @constant */
            type: 'percentage';
            basisPoints: number;
          }
        | {
            /** @constant */
            type: 'fixed';
            amount: components['schemas']['Money'];
          };
      maximumBonus: components['schemas']['Money'] | null;
      perCustomerLimit: number | null;
      /** @description not deactivated and inside its window now */
      active: boolean;
      createdBy: string;
      createdAt: string;
      deactivatedAt: string | null;
    };
    UsdtRelay: {
      id: string;
      accountId: string;
      /**
       * @description prepared: to be signed; submitting: being sent (settled from the chain if left so by a crash); submitted: the relayer sent txHash; failed: see failure (may be retried)
       * @enum {string}
       */
      status: 'prepared' | 'submitting' | 'submitted' | 'failed';
      from: string;
      /** @description Pictor’s deposit address */
      to: string;
      amount: {
        amount: string;
        /** @constant */
        unit: 'USDT';
      };
      /** @description unix seconds, chain time: the token refuses the authorization from then on */
      validBefore: string;
      nonce: string;
      /** @description the account that submits the transaction and pays its gas */
      relayer: string;
      txHash: string | null;
      explorerUrl: string | null;
      failure: string | null;
      /** @description the gas Pictor paid, once the deposit is credited */
      networkFee: {
        /** @constant */
        paidBy: 'pictor';
        gasUsed: string;
        /** @description wei per gas */
        effectiveGasPrice: string;
        /** @description native token, 18 decimals */
        amount: {
          amount: string;
          /** @constant */
          unit: 'ETH';
        };
      } | null;
      /** @description EIP-712 typed data for eth_signTypedData_v4 (EIP-3009 TransferWithAuthorization) */
      typedData: {
        domain: {
          name: string;
          version: string;
          chainId: number;
          verifyingContract: string;
        };
        types: {
          EIP712Domain: {
            name: string;
            type: string;
          }[];
          TransferWithAuthorization: {
            name: string;
            type: string;
          }[];
        };
        /** @constant */
        primaryType: 'TransferWithAuthorization';
        message: {
          from: string;
          to: string;
          value: string;
          validAfter: string;
          validBefore: string;
          nonce: string;
        };
      };
      createdAt: string;
    };
    PaymentAttempt: {
      invoiceId: string;
      /** @description null for a declined purchase: it was never numbered and is not in the invoice list */
      invoiceNumber: string | null;
      /** @description 1, 2, … on the same invoice (dunning retries, Pay again) */
      attempt: number;
      /** @description what was being paid, e.g. "Token top-up: 500 tokens" */
      description: string;
      amount: components['schemas']['Money'];
      /** @description the card as it was when charged; null: there was no default card */
      card: {
        brand: string;
        last4: string;
      } | null;
      attemptedAt: string;
      /** @description null while the processor's answer is unknown */
      outcome: ('succeeded' | 'declined') | null;
      declineCode: string | null;
      /** @description why it failed, as a sentence for the customer; null unless declined */
      reason: string | null;
    };
    PaymentMethod: {
      id: string;
      brand: string;
      last4: string;
      expMonth: number;
      expYear: number;
      /** @description the default card pays everything automatically */
      isDefault: boolean;
      createdAt: string;
      removedAt: string | null;
    };
    BoothInvoiceDunning: {
      /**
       * @description retrying until a retry (or the customer) pays it: paid; the last retry declined: uncollectible; the invoice was voided: voided
       * @enum {string}
       */
      status: 'retrying' | 'paid' | 'uncollectible' | 'voided';
      /** @description the renewal that failed */
      billingDate: string;
      /** @description retries in its schedule (days 1, 3 and 5 after the billing date: 3) */
      retries: number;
      /** @description retries that ran so far */
      retriesMade: number;
      lastRetryAt: string | null;
      /** @description when the default card is charged again; null once the dunning ended */
      nextRetryAt: string | null;
    };
    BoothInvoice: {
      id: string;
      accountId: string;
      /** @description 7KQ2MZ4X-000001; null while a draft */
      number: string | null;
      /** @enum {string} */
      status: 'draft' | 'open' | 'paid' | 'void' | 'uncollectible';
      /** @description finalization date (creation date while a draft) */
      date: string;
      description: string;
      lines: {
        position: number;
        /** @enum {string} */
        kind:
          | 'purchase'
          | 'renewal'
          | 'pro_rata'
          | 'volume_discount'
          | 'coupon'
          | 'cancellation_credit'
          | 'volume_discount_adjustment'
          | 'token_top_up';
        description: string;
        quantity: number;
        /** @description signed: credits and discounts are negative */
        amount: components['schemas']['Money'];
        metadata: {
          [key: string]: string;
        };
      }[];
      /** @description the sum of the lines */
      subtotal: components['schemas']['Money'];
      /** @description account credit deducted once from the subtotal (not a line) */
      creditApplied: components['schemas']['Money'];
      /** @description subtotal − credit applied */
      total: components['schemas']['Money'];
      amountPaid: components['schemas']['Money'];
      amountDue: components['schemas']['Money'];
      billTo: {
        settingsVersion: number | null;
        name: string;
        email: string | null;
        address: string | null;
        taxInformation: string | null;
      } | null;
      paymentAttempts: number;
      paymentMethodId: string | null;
      lastDecline: {
        code: string;
        message: string | null;
      } | null;
      createdAt: string;
      finalizedAt: string | null;
      paidAt: string | null;
      voidedAt: string | null;
      markedUncollectibleAt: string | null;
      pdfUrl: string | null;
      /** @description the retries of a failed renewal; null otherwise */
      dunning: components['schemas']['BoothInvoiceDunning'] | null;
    };
    BoothInvoiceRow: {
      id: string;
      number: string | null;
      date: string;
      description: string;
      amount: components['schemas']['Money'];
      /** @enum {string} */
      status: 'draft' | 'open' | 'paid' | 'void' | 'uncollectible';
      pdfUrl: string | null;
      dunning: components['schemas']['BoothInvoiceDunning'] | null;
    };
    CardProcessorConfig: {
      publishableKey: string;
      /** @description POST {tokenizeUrl}/v1/payment_methods with the publishable key */
      tokenizeUrl: string;
      /** @enum {string} */
      mode: 'processor' | 'sandbox';
    };
    LicenseQuote: {
      /** @enum {string} */
      product: 'basic' | 'pro' | 'premium' | 'enterprise';
      /** @enum {string} */
      period: 'monthly' | 'annual';
      quantity: number;
      catalogVersion: number;
      listUnitPrice: components['schemas']['Money'];
      /** @description list price (or pro-rata part), volume discount, coupon; the subtotal is their sum */
      lines: {
        kind: string;
        description: string;
        quantity: number;
        amount: components['schemas']['Money'];
      }[];
      /** @description the sum of the lines */
      subtotal: components['schemas']['Money'];
      /** @description account credit deducted once from the subtotal (not a line) */
      accountCredit: components['schemas']['Money'];
      /** @description subtotal − account credit */
      total: components['schemas']['Money'];
      /** @description the instant this quote was priced from; send it with the purchase (within 15 minutes) to be charged these very lines */
      pricedAt: string;
      volumeDiscount: {
        rate: string;
        activeLicensesAfter: number;
      };
      periodStart: string;
      /** @description the billing date the licenses renew on */
      periodEnd: string;
      proRata: {
        remainingSeconds: number;
        cycleSeconds: number;
      } | null;
      coupon: {
        code: string;
        applied: boolean;
        /** @description why it gives no discount */
        reason: string | null;
        detail: string | null;
        discount: components['schemas']['Money'];
      } | null;
      /** @description credit the licenses already running get (account credit, applied to the next invoice) */
      volumeDiscountCredit: {
        amount: components['schemas']['Money'];
        licenses: number;
      } | null;
    };
    License: {
      id: string;
      accountId: string;
      orderId: string;
      /** @enum {string} */
      tier: 'basic' | 'pro' | 'premium' | 'enterprise';
      /** @enum {string} */
      period: 'monthly' | 'annual';
      /** @enum {string} */
      status: 'active' | 'expired' | 'removed';
      catalogVersion: number;
      listPrice: components['schemas']['Money'];
      /** @description what one full period of it is billed at: list price after its volume discount and coupon */
      billedPrice: components['schemas']['Money'];
      purchasedAt: string;
      currentPeriodStart: string;
      currentPeriodEnd: string;
      renewsAt: string | null;
      cancelAtPeriodEnd: boolean;
      cancelEffectiveAt: string | null;
      pendingDowngrade: ('basic' | 'pro' | 'premium') | null;
      downgradeEffectiveAt: string | null;
      openInvoiceId: string | null;
      endedAt: string | null;
      endReason: string | null;
      createdAt: string;
    };
    LicenseCatalog: {
      version: number;
      tiers: {
        /** @enum {string} */
        tier: 'basic' | 'pro' | 'premium';
        monthly: components['schemas']['Money'];
        annual: components['schemas']['Money'];
        /** @description all features, lower tiers included */
        features: {
          code: string;
          name: string;
        }[];
        ownFeatures: {
          code: string;
          name: string;
        }[];
      }[];
      enterprise: {
        annual: components['schemas']['Money'];
        features: {
          code: string;
          name: string;
        }[];
        /** @constant */
        requiresBaseLicense: true;
      };
      /** @description output kinds of the booth app: token cost and tier */
      outputs: {
        kind: string;
        name: string;
        /** @description token cost of one output */
        tokens: components['schemas']['Money'];
        /**
         * @description the lowest event tag that may produce it
         * @enum {string}
         */
        tier: 'basic' | 'pro' | 'premium';
        ai: boolean;
      }[];
      volumeDiscounts: {
        minLicenses: number;
        maxLicenses: number | null;
        rate: string;
      }[];
      createdAt: string;
    };
    Coupon: {
      id: string;
      code: string;
      percentOff: string | null;
      amountOff: components['schemas']['Money'] | null;
      validFrom: string | null;
      validUntil: string | null;
      maxRedemptions: number | null;
      /** @enum {string} */
      duration: 'once' | 'repeating' | 'forever';
      durationRenewals: number | null;
      createdAt: string;
    };
    BoothStatus: {
      accountId: string;
      locked: boolean;
      reason: string | null;
      lockedSince: string | null;
      usableLicenses: {
        id: string;
        /** @enum {string} */
        tier: 'basic' | 'pro' | 'premium';
      }[];
      monthlyAnchor: string | null;
      history: {
        locked: boolean;
        reason: string;
        at: string;
      }[];
      enterprise: {
        /** @enum {string} */
        status: 'none' | 'active' | 'suspended';
        licenseId: string | null;
        renewsAt: string | null;
        /** @description why it is suspended */
        reason: string | null;
      };
      /** @description what the Enterprise add-on grants now: all true while it and a base license are active */
      entitlements: {
        whiteLabel: boolean;
        customDomain: boolean;
        brandedEmails: boolean;
        dedicatedSupport: boolean;
      };
    };
    BoothTemplate: {
      id: string;
      name: string;
      outputs: {
        kind: string;
        count: number;
      }[];
      features: string[];
      /**
       * @description the license tier its features need
       * @enum {string}
       */
      tier: 'basic' | 'pro' | 'premium';
      /** @description tokens one session of this template costs */
      costPerSession: components['schemas']['Money'];
      /** @description a session pays for an AI output (no virtual booth token then) */
      paysForAi: boolean;
      archived: boolean;
      updatedAt: string;
    };
    BoothEvent: {
      id: string;
      accountId: string;
      name: string;
      /**
       * @description the highest tier among its features: the license tier it needs
       * @enum {string}
       */
      tag: 'basic' | 'pro' | 'premium';
      virtualBooth: boolean;
      features: string[];
      templateIds: string[];
      /** @enum {string} */
      status: 'registered' | 'running' | 'paused' | 'ended';
      /** @description why it is paused (account_locked: …, license_ended: …) */
      pauseReason: string | null;
      /** @description the license it runs on */
      license: {
        id: string;
        /** @enum {string} */
        tier: 'basic' | 'pro' | 'premium';
      } | null;
      sessionsEnded: number;
      createdAt: string;
      startedAt: string | null;
      endedAt: string | null;
    };
    TokenPacks: {
      data: {
        tokens: number;
        price: components['schemas']['Money'];
        pricePerToken: components['schemas']['Money'];
      }[];
    };
    TokenPurchase: {
      id: string;
      accountId: string;
      pack: number;
      quantity: number;
      tokens: components['schemas']['Money'];
      price: components['schemas']['Money'];
      /** @enum {string} */
      status: 'pending' | 'paid' | 'declined';
      invoiceId: string | null;
      transactionId: string | null;
      declineReason: string | null;
      createdAt: string;
    };
    TokenAutoTopup: {
      accountId: string;
      enabled: boolean;
      threshold: components['schemas']['Money'];
      pack: number;
      maxPerDay: number;
      /** @description false after a purchase until the balance is back at or above the threshold */
      armed: boolean;
      crossings: number;
      /** @description why it was turned off (a declined card) */
      disabledReason: string | null;
    };
    Me: {
      /** @enum {string} */
      role: 'operator' | 'service' | 'customer';
      /** @description a customer key's or wallet session's account; null otherwise */
      account: components['schemas']['Account'] | null;
    };
    DemoSignIn: {
      accountId: string;
      /** @description a customer API key of the demo account */
      key: string;
    };
    Runway: {
      accountId: string;
      available: components['schemas']['Money'];
      /** @description what the GPU instances draw per hour now (stopped ones: storage only) */
      hourlyBurn: components['schemas']['Money'];
      /** @description available ÷ hourly burn, two decimals rounded down; null when nothing burns */
      remainingHours: string | null;
    };
    TestClock: {
      id: string;
      name: string | null;
      frozenTime: string;
      /** @enum {string} */
      status: 'ready' | 'advancing';
      createdAt: string;
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
