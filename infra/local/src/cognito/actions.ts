import type { CognitoAction } from './context.ts';
import { CreateResourceServer } from './CreateResourceServer.ts';
import { CreateUserPoolClient } from './CreateUserPoolClient.ts';
import { DeleteResourceServer } from './DeleteResourceServer.ts';
import { DeleteUserPoolClient } from './DeleteUserPoolClient.ts';
import { DescribeResourceServer } from './DescribeResourceServer.ts';
import { DescribeUserPool } from './DescribeUserPool.ts';
import { DescribeUserPoolClient } from './DescribeUserPoolClient.ts';
import { ListResourceServers } from './ListResourceServers.ts';
import { ListUserPoolClients } from './ListUserPoolClients.ts';
import { UpdateResourceServer } from './UpdateResourceServer.ts';
import { UpdateUserPoolClient } from './UpdateUserPoolClient.ts';

/** The control-plane actions the sandbox emulates; anything else is answered with a named "unsupported" error. */
export const COGNITO_ACTIONS: Readonly<Record<string, CognitoAction>> = {
  CreateUserPoolClient,
  DescribeUserPoolClient,
  ListUserPoolClients,
  UpdateUserPoolClient,
  DeleteUserPoolClient,
  CreateResourceServer,
  DescribeResourceServer,
  ListResourceServers,
  UpdateResourceServer,
  DeleteResourceServer,
  DescribeUserPool,
};
