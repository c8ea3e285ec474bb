/** Name and version in one place: the server announces them and get_server_status reports them. */
export const SERVER_NAME = 'utilities';
export const SERVER_VERSION = '1.0.0';
