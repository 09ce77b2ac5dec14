/**
 * The {@code mysql} store: a node's data in one MySQL or MariaDB table ({@link io.dynoj.mysql.MySqlStore}),
 * configured by the {@code mysql:} section ({@link io.dynoj.mysql.MySqlOptions}).
 */
package io.dynoj.mysql;
