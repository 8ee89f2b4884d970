// Directive names, argument counts and contexts of stock nginx modules.
// Derived (as data) from the command tables of nginx at commit 3f6f782 (2026-08-21).
// Used to spot a missing ";" (a directive name swallowed as an argument past its
// maximum) and, later, directives placed in a context nginx rejects.
// Format: name min max block contexts; max "*" means unlimited.
const RAW = `
absolute_redirect 1 1 0 http_loc,http_main,http_srv
accept_mutex 1 1 0 event
accept_mutex_delay 1 1 0 event
acceptex_read 1 1 0 event
access_log 1 * 0 http_lif,http_lmt,http_loc,http_main,http_srv,stream_main,stream_srv
add_after_body 1 1 0 http_loc,http_main,http_srv
add_before_body 1 1 0 http_loc,http_main,http_srv
add_header 2 3 0 http_lif,http_loc,http_main,http_srv
add_header_inherit 1 1 0 http_lif,http_loc,http_main,http_srv
add_trailer 2 3 0 http_lif,http_loc,http_main,http_srv
add_trailer_inherit 1 1 0 http_lif,http_loc,http_main,http_srv
addition_types 1 * 0 http_loc,http_main,http_srv
aio 1 1 0 http_loc,http_main,http_srv
aio_write 1 1 0 http_loc,http_main,http_srv
alias 1 1 0 http_loc
allow 1 1 0 http_lmt,http_loc,http_main,http_srv,stream_main,stream_srv
ancient_browser 0 * 0 http_loc,http_main,http_srv
ancient_browser_value 1 1 0 http_loc,http_main,http_srv
arg 0 0 0 
arg_ 0 0 0 
auth_basic 1 1 0 http_lmt,http_loc,http_main,http_srv
auth_basic_user_file 1 1 0 http_lmt,http_loc,http_main,http_srv
auth_delay 1 1 0 http_loc,http_main,http_srv
auth_http 1 1 0 mail_main,mail_srv
auth_http_header 2 2 0 mail_main,mail_srv
auth_http_pass_client_cert 1 1 0 mail_main,mail_srv
auth_http_timeout 1 1 0 mail_main,mail_srv
auth_request 1 1 0 http_loc,http_main,http_srv
auth_request_set 2 2 0 http_loc,http_main,http_srv
autoindex 1 1 0 http_loc,http_main,http_srv
autoindex_exact_size 1 1 0 http_loc,http_main,http_srv
autoindex_format 1 1 0 http_loc,http_main,http_srv
autoindex_localtime 1 1 0 http_loc,http_main,http_srv
binary_remote_addr 0 0 0 
body_bytes_sent 0 0 0 
break 0 0 0 http_lif,http_loc,http_sif,http_srv
bytes_received 0 0 0 
bytes_sent 0 0 0 
charset 1 1 0 http_lif,http_loc,http_main,http_srv
charset_map 2 2 1 http_main
charset_types 1 * 0 http_loc,http_main,http_srv
chunked_transfer_encoding 1 1 0 http_loc,http_main,http_srv
client_body_buffer_size 1 1 0 http_loc,http_main,http_srv
client_body_early_read 1 * 0 http_main,http_srv
client_body_in_file_only 1 1 0 http_loc,http_main,http_srv
client_body_in_single_buffer 1 1 0 http_loc,http_main,http_srv
client_body_temp_path 1 4 0 http_loc,http_main,http_srv
client_body_timeout 1 1 0 http_loc,http_main,http_srv
client_header_buffer_size 1 1 0 http_main,http_srv
client_header_timeout 1 1 0 http_main,http_srv
client_max_body_size 1 1 0 http_loc,http_main,http_srv
connection 0 0 0 
connection_pool_size 1 1 0 http_main,http_srv
connection_requests 0 0 0 
connection_time 0 0 0 
connections_active 0 0 0 
connections_reading 0 0 0 
connections_waiting 0 0 0 
connections_writing 0 0 0 
content_length 0 0 0 
content_type 0 0 0 
cookie_ 0 0 0 
create_full_put_path 1 1 0 http_loc,http_main,http_srv
daemon 1 1 0 direct,main
date_gmt 0 0 0 
date_local 0 0 0 
dav_access 1 3 0 http_loc,http_main,http_srv
dav_methods 1 * 0 http_loc,http_main,http_srv
debug_connection 1 1 0 event
debug_points 1 1 0 direct,main
default 0 0 0 
default_type 1 1 0 http_loc,http_main,http_srv
degradation 1 1 0 http_main
degrade 1 1 0 http_loc,http_main,http_srv
deny 1 1 0 http_lmt,http_loc,http_main,http_srv,stream_main,stream_srv
devpoll_changes 1 1 0 event
devpoll_events 1 1 0 event
directio 1 1 0 http_loc,http_main,http_srv
directio_alignment 1 1 0 http_loc,http_main,http_srv
disable_symlinks 1 2 0 http_loc,http_main,http_srv
document_root 0 0 0 
document_uri 0 0 0 
early_hints 1 * 0 http_loc,http_main,http_srv
empty_gif 0 0 0 http_loc
encoding 0 0 0 
env 1 1 0 direct,main
epoll_events 1 1 0 event
errlog 0 0 0 
errmsg 0 0 0 
error_log 1 * 0 http_loc,http_main,http_srv,mail_main,mail_srv,main,stream_main,stream_srv
error_page 2 * 0 http_lif,http_loc,http_main,http_srv
etag 1 1 0 http_loc,http_main,http_srv
eventport_events 1 1 0 event
events 0 0 1 main
expires 1 2 0 http_lif,http_loc,http_main,http_srv
expr 0 0 0 
fastcgi_bind 1 2 0 http_loc,http_main,http_srv
fastcgi_buffer_size 1 1 0 http_loc,http_main,http_srv
fastcgi_buffering 1 1 0 http_loc,http_main,http_srv
fastcgi_buffers 2 2 0 http_loc,http_main,http_srv
fastcgi_busy_buffers_size 1 1 0 http_loc,http_main,http_srv
fastcgi_cache 1 1 0 http_loc,http_main,http_srv
fastcgi_cache_background_update 1 1 0 http_loc,http_main,http_srv
fastcgi_cache_bypass 1 * 0 http_loc,http_main,http_srv
fastcgi_cache_key 1 1 0 http_loc,http_main,http_srv
fastcgi_cache_lock 1 1 0 http_loc,http_main,http_srv
fastcgi_cache_lock_age 1 1 0 http_loc,http_main,http_srv
fastcgi_cache_lock_timeout 1 1 0 http_loc,http_main,http_srv
fastcgi_cache_max_range_offset 1 1 0 http_loc,http_main,http_srv
fastcgi_cache_methods 1 * 0 http_loc,http_main,http_srv
fastcgi_cache_min_uses 1 1 0 http_loc,http_main,http_srv
fastcgi_cache_path 2 * 0 http_main
fastcgi_cache_revalidate 1 1 0 http_loc,http_main,http_srv
fastcgi_cache_use_stale 1 * 0 http_loc,http_main,http_srv
fastcgi_cache_valid 1 * 0 http_loc,http_main,http_srv
fastcgi_catch_stderr 1 1 0 http_loc,http_main,http_srv
fastcgi_connect_timeout 1 1 0 http_loc,http_main,http_srv
fastcgi_force_ranges 1 1 0 http_loc,http_main,http_srv
fastcgi_hide_header 1 1 0 http_loc,http_main,http_srv
fastcgi_ignore_client_abort 1 1 0 http_loc,http_main,http_srv
fastcgi_ignore_headers 1 * 0 http_loc,http_main,http_srv
fastcgi_index 1 1 0 http_loc,http_main,http_srv
fastcgi_intercept_errors 1 1 0 http_loc,http_main,http_srv
fastcgi_keep_conn 1 1 0 http_loc,http_main,http_srv
fastcgi_limit_rate 1 1 0 http_loc,http_main,http_srv
fastcgi_max_temp_file_size 1 1 0 http_loc,http_main,http_srv
fastcgi_next_upstream 1 * 0 http_loc,http_main,http_srv
fastcgi_next_upstream_timeout 1 1 0 http_loc,http_main,http_srv
fastcgi_next_upstream_tries 1 1 0 http_loc,http_main,http_srv
fastcgi_no_cache 1 * 0 http_loc,http_main,http_srv
fastcgi_param 2 3 0 http_loc,http_main,http_srv
fastcgi_pass 1 1 0 http_lif,http_loc
fastcgi_pass_header 1 1 0 http_loc,http_main,http_srv
fastcgi_pass_request_body 1 1 0 http_loc,http_main,http_srv
fastcgi_pass_request_headers 1 1 0 http_loc,http_main,http_srv
fastcgi_path_info 0 0 0 
fastcgi_read_timeout 1 1 0 http_loc,http_main,http_srv
fastcgi_request_buffering 1 1 0 http_loc,http_main,http_srv
fastcgi_script_name 0 0 0 
fastcgi_send_lowat 1 1 0 http_loc,http_main,http_srv
fastcgi_send_timeout 1 1 0 http_loc,http_main,http_srv
fastcgi_socket_keepalive 1 1 0 http_loc,http_main,http_srv
fastcgi_socket_rcvbuf 1 1 0 http_loc,http_main,http_srv
fastcgi_socket_sndbuf 1 1 0 http_loc,http_main,http_srv
fastcgi_split_path_info 1 1 0 http_loc,http_main,http_srv
fastcgi_store 1 1 0 http_loc,http_main,http_srv
fastcgi_store_access 1 3 0 http_loc,http_main,http_srv
fastcgi_temp_file_write_size 1 1 0 http_loc,http_main,http_srv
fastcgi_temp_path 1 4 0 http_loc,http_main,http_srv
file 0 0 0 
flv 0 0 0 http_loc
geo 1 2 1 http_main,stream_main
geoip_area_code 0 0 0 
geoip_city 0 2 0 http_main,stream_main
geoip_city_continent_code 0 0 0 
geoip_city_country_code 0 0 0 
geoip_city_country_code3 0 0 0 
geoip_city_country_name 0 0 0 
geoip_country 1 2 0 http_main,stream_main
geoip_country_code 0 0 0 
geoip_country_code3 0 0 0 
geoip_country_name 0 0 0 
geoip_dma_code 0 0 0 
geoip_latitude 0 0 0 
geoip_longitude 0 0 0 
geoip_org 0 2 0 http_main,stream_main
geoip_postal_code 0 0 0 
geoip_proxy 1 1 0 http_main
geoip_proxy_recursive 1 1 0 http_main
geoip_region 0 0 0 
geoip_region_name 0 0 0 
gif 0 0 0 
google_perftools_profiles 1 1 0 direct,main
grpc_bind 1 2 0 http_loc,http_main,http_srv
grpc_buffer_size 1 1 0 http_loc,http_main,http_srv
grpc_connect_timeout 1 1 0 http_loc,http_main,http_srv
grpc_hide_header 1 1 0 http_loc,http_main,http_srv
grpc_ignore_headers 1 * 0 http_loc,http_main,http_srv
grpc_intercept_errors 1 1 0 http_loc,http_main,http_srv
grpc_internal_trailers 0 0 0 
grpc_next_upstream 1 * 0 http_loc,http_main,http_srv
grpc_next_upstream_timeout 1 1 0 http_loc,http_main,http_srv
grpc_next_upstream_tries 1 1 0 http_loc,http_main,http_srv
grpc_pass 1 1 0 http_lif,http_loc
grpc_pass_header 1 1 0 http_loc,http_main,http_srv
grpc_read_timeout 1 1 0 http_loc,http_main,http_srv
grpc_send_timeout 1 1 0 http_loc,http_main,http_srv
grpc_set_header 2 2 0 http_loc,http_main,http_srv
grpc_socket_keepalive 1 1 0 http_loc,http_main,http_srv
grpc_socket_rcvbuf 1 1 0 http_loc,http_main,http_srv
grpc_socket_sndbuf 1 1 0 http_loc,http_main,http_srv
grpc_ssl_certificate 1 1 0 http_loc,http_main,http_srv
grpc_ssl_certificate_cache 1 3 0 http_loc,http_main,http_srv
grpc_ssl_certificate_key 1 1 0 http_loc,http_main,http_srv
grpc_ssl_ciphers 1 1 0 http_loc,http_main,http_srv
grpc_ssl_conf_command 2 2 0 http_loc,http_main,http_srv
grpc_ssl_crl 1 1 0 http_loc,http_main,http_srv
grpc_ssl_name 1 1 0 http_loc,http_main,http_srv
grpc_ssl_password_file 1 1 0 http_loc,http_main,http_srv
grpc_ssl_protocols 1 * 0 http_loc,http_main,http_srv
grpc_ssl_server_name 1 1 0 http_loc,http_main,http_srv
grpc_ssl_session_reuse 1 1 0 http_loc,http_main,http_srv
grpc_ssl_trusted_certificate 1 1 0 http_loc,http_main,http_srv
grpc_ssl_verify 1 1 0 http_loc,http_main,http_srv
grpc_ssl_verify_depth 1 1 0 http_loc,http_main,http_srv
gunzip 1 1 0 http_loc,http_main,http_srv
gunzip_buffers 2 2 0 http_loc,http_main,http_srv
gzip 1 1 0 http_lif,http_loc,http_main,http_srv
gzip_buffers 2 2 0 http_loc,http_main,http_srv
gzip_comp_level 1 1 0 http_loc,http_main,http_srv
gzip_disable 1 * 0 http_loc,http_main,http_srv
gzip_hash 1 1 0 http_loc,http_main,http_srv
gzip_http_version 1 1 0 http_loc,http_main,http_srv
gzip_min_length 1 1 0 http_loc,http_main,http_srv
gzip_no_buffer 1 1 0 http_loc,http_main,http_srv
gzip_proxied 1 * 0 http_loc,http_main,http_srv
gzip_static 1 1 0 http_loc,http_main,http_srv
gzip_types 1 * 0 http_loc,http_main,http_srv
gzip_vary 1 1 0 http_loc,http_main,http_srv
gzip_window 1 1 0 http_loc,http_main,http_srv
hash 1 2 0 http_ups,stream_ups
host 0 0 0 
hostname 0 0 0 
html 0 0 0 
http 0 0 1 main
http2 0 1 0 http_main,http_srv
http2_body_preread_size 1 1 0 http_main,http_srv
http2_chunk_size 1 1 0 http_loc,http_main,http_srv
http2_idle_timeout 1 1 0 http_main,http_srv
http2_max_concurrent_pushes 1 1 0 http_main,http_srv
http2_max_concurrent_streams 1 1 0 http_main,http_srv
http2_max_field_size 1 1 0 http_main,http_srv
http2_max_header_size 1 1 0 http_main,http_srv
http2_max_requests 1 1 0 http_main,http_srv
http2_pool_size 1 1 0 http_main,http_srv
http2_push 1 1 0 http_loc,http_main,http_srv
http2_push_preload 1 1 0 http_loc,http_main,http_srv
http2_recv_buffer_size 1 1 0 http_main
http2_recv_timeout 1 1 0 http_main,http_srv
http2_streams_index_size 1 1 0 http_main,http_srv
http3 0 1 0 http_main,http_srv
http3_hq 1 1 0 http_main,http_srv
http3_max_concurrent_streams 1 1 0 http_main,http_srv
http3_stream_buffer_size 1 1 0 http_main,http_srv
http_ 0 0 0 
http_cookie 0 0 0 
http_host 0 0 0 
http_referer 0 0 0 
http_user_agent 0 0 0 
http_via 0 0 0 
http_x_forwarded_for 0 0 0 
https 0 0 0 
if 1 * 1 http_loc,http_srv
if_modified_since 1 1 0 http_loc,http_main,http_srv
ignore_invalid_headers 1 1 0 http_main,http_srv
image_filter 1 3 0 http_loc
image_filter_buffer 1 1 0 http_loc,http_main,http_srv
image_filter_interlace 1 1 0 http_loc,http_main,http_srv
image_filter_jpeg_quality 1 1 0 http_loc,http_main,http_srv
image_filter_sharpen 1 1 0 http_loc,http_main,http_srv
image_filter_transparency 1 1 0 http_loc,http_main,http_srv
image_filter_webp_quality 1 1 0 http_loc,http_main,http_srv
imap_auth 1 * 0 mail_main,mail_srv
imap_capabilities 1 * 0 mail_main,mail_srv
imap_client_buffer 1 1 0 mail_main,mail_srv
include 1 1 0 any
index 1 * 0 http_loc,http_main,http_srv
internal 0 0 0 http_loc
iocp_threads 1 1 0 event
ip_hash 0 0 0 http_ups
is_args 0 0 0 
is_request_port 0 0 0 
jpg 0 0 0 
keepalive 1 2 0 http_ups
keepalive_disable 1 2 0 http_loc,http_main,http_srv
keepalive_min_timeout 1 1 0 http_loc,http_main,http_srv
keepalive_requests 1 1 0 http_loc,http_main,http_srv,http_ups
keepalive_time 1 1 0 http_loc,http_main,http_srv,http_ups
keepalive_timeout 1 2 0 http_loc,http_main,http_srv,http_ups
kqueue_changes 1 1 0 event
kqueue_events 1 1 0 event
large_client_header_buffers 2 2 0 http_main,http_srv
least_conn 0 0 0 http_ups,stream_ups
least_time 1 2 0 http_ups,stream_ups
limit_conn 2 2 0 http_loc,http_main,http_srv,stream_main,stream_srv
limit_conn_dry_run 1 1 0 http_loc,http_main,http_srv,stream_main,stream_srv
limit_conn_log_level 1 1 0 http_loc,http_main,http_srv,stream_main,stream_srv
limit_conn_status 0 1 0 http_loc,http_main,http_srv
limit_conn_zone 2 2 0 http_main,stream_main
limit_except 1 * 1 http_loc
limit_rate 1 1 0 http_lif,http_loc,http_main,http_srv
limit_rate_after 1 1 0 http_lif,http_loc,http_main,http_srv
limit_req 1 3 0 http_loc,http_main,http_srv
limit_req_dry_run 1 1 0 http_loc,http_main,http_srv
limit_req_log_level 1 1 0 http_loc,http_main,http_srv
limit_req_status 0 1 0 http_loc,http_main,http_srv
limit_req_zone 3 3 0 http_main
lingering_close 1 1 0 http_loc,http_main,http_srv
lingering_time 1 1 0 http_loc,http_main,http_srv
lingering_timeout 1 1 0 http_loc,http_main,http_srv
listen 1 * 0 http_srv,mail_srv,stream_srv
load_module 1 1 0 direct,main
location 1 2 1 http_loc,http_srv
lock_file 1 1 0 direct,main
log_format 2 * 0 http_main,stream_main
log_not_found 1 1 0 http_loc,http_main,http_srv
log_subrequest 1 1 0 http_loc,http_main,http_srv
mail 0 0 1 main
map 2 2 1 http_main,stream_main
map_hash_bucket_size 1 1 0 http_main,stream_main
map_hash_max_size 1 1 0 http_main,stream_main
master_process 1 1 0 direct,main
max_errors 1 1 0 mail_main,mail_srv
max_headers 1 1 0 http_main,http_srv
max_ranges 1 1 0 http_loc,http_main,http_srv
memcached_bind 1 2 0 http_loc,http_main,http_srv
memcached_buffer_size 1 1 0 http_loc,http_main,http_srv
memcached_connect_timeout 1 1 0 http_loc,http_main,http_srv
memcached_gzip_flag 1 1 0 http_loc,http_main,http_srv
memcached_next_upstream 1 * 0 http_loc,http_main,http_srv
memcached_next_upstream_timeout 1 1 0 http_loc,http_main,http_srv
memcached_next_upstream_tries 1 1 0 http_loc,http_main,http_srv
memcached_pass 1 1 0 http_lif,http_loc
memcached_read_timeout 1 1 0 http_loc,http_main,http_srv
memcached_send_timeout 1 1 0 http_loc,http_main,http_srv
memcached_socket_keepalive 1 1 0 http_loc,http_main,http_srv
merge_slashes 1 1 0 http_main,http_srv
min_delete_depth 1 1 0 http_loc,http_main,http_srv
mirror 1 1 0 http_loc,http_main,http_srv
mirror_request_body 1 1 0 http_loc,http_main,http_srv
modern_browser 0 2 0 http_loc,http_main,http_srv
modern_browser_value 1 1 0 http_loc,http_main,http_srv
mp4 0 0 0 http_loc
mp4_buffer_size 1 1 0 http_loc,http_main,http_srv
mp4_max_buffer_size 1 1 0 http_loc,http_main,http_srv
mp4_start_key_frame 1 1 0 http_loc,http_main,http_srv
msec 0 0 0 
msie 0 0 0 
msie_padding 1 1 0 http_loc,http_main,http_srv
msie_refresh 1 1 0 http_loc,http_main,http_srv
multi_accept 1 1 0 event
name 0 0 0 
nginx_version 0 0 0 
open_file_cache 1 2 0 http_loc,http_main,http_srv
open_file_cache_errors 1 1 0 http_loc,http_main,http_srv
open_file_cache_events 1 1 0 http_loc,http_main,http_srv
open_file_cache_min_uses 1 1 0 http_loc,http_main,http_srv
open_file_cache_valid 1 1 0 http_loc,http_main,http_srv
open_log_file_cache 1 4 0 http_loc,http_main,http_srv,stream_main,stream_srv
output_buffers 2 2 0 http_loc,http_main,http_srv
override_charset 1 1 0 http_lif,http_loc,http_main,http_srv
pass 1 1 0 stream_srv
pcre_jit 1 1 0 direct,main
perl 1 1 0 http_lmt,http_loc
perl_modules 1 1 0 http_main
perl_require 1 1 0 http_main
perl_set 2 2 0 http_main
pid 0 1 0 direct,main
pipe 0 0 0 
pop3_auth 1 * 0 mail_main,mail_srv
pop3_capabilities 1 * 0 mail_main,mail_srv
port_in_redirect 1 1 0 http_loc,http_main,http_srv
post_acceptex 1 1 0 event
post_action 1 1 0 http_lif,http_loc,http_main,http_srv
postpone_gzipping 1 1 0 http_loc,http_main,http_srv
postpone_output 1 1 0 http_loc,http_main,http_srv
preread_buffer_size 1 1 0 stream_main,stream_srv
preread_timeout 1 1 0 stream_main,stream_srv
protocol 0 1 0 mail_srv
proxy 1 1 0 mail_main,mail_srv
proxy_add_via 0 0 0 
proxy_add_x_forwarded_for 0 0 0 
proxy_bind 1 2 0 http_loc,http_main,http_srv,stream_main,stream_srv
proxy_buffer 1 1 0 mail_main,mail_srv
proxy_buffer_size 1 1 0 http_loc,http_main,http_srv,stream_main,stream_srv
proxy_buffering 1 1 0 http_loc,http_main,http_srv
proxy_buffers 2 2 0 http_loc,http_main,http_srv
proxy_busy_buffers_size 1 1 0 http_loc,http_main,http_srv
proxy_cache 1 1 0 http_loc,http_main,http_srv
proxy_cache_background_update 1 1 0 http_loc,http_main,http_srv
proxy_cache_bypass 1 * 0 http_loc,http_main,http_srv
proxy_cache_convert_head 1 1 0 http_loc,http_main,http_srv
proxy_cache_key 1 1 0 http_loc,http_main,http_srv
proxy_cache_lock 1 1 0 http_loc,http_main,http_srv
proxy_cache_lock_age 1 1 0 http_loc,http_main,http_srv
proxy_cache_lock_timeout 1 1 0 http_loc,http_main,http_srv
proxy_cache_max_range_offset 1 1 0 http_loc,http_main,http_srv
proxy_cache_methods 1 * 0 http_loc,http_main,http_srv
proxy_cache_min_uses 1 1 0 http_loc,http_main,http_srv
proxy_cache_path 2 * 0 http_main
proxy_cache_revalidate 1 1 0 http_loc,http_main,http_srv
proxy_cache_use_stale 1 * 0 http_loc,http_main,http_srv
proxy_cache_valid 1 * 0 http_loc,http_main,http_srv
proxy_connect_timeout 1 1 0 http_loc,http_main,http_srv,stream_main,stream_srv
proxy_cookie_domain 1 2 0 http_loc,http_main,http_srv
proxy_cookie_flags 1 4 0 http_loc,http_main,http_srv
proxy_cookie_path 1 2 0 http_loc,http_main,http_srv
proxy_download_rate 1 1 0 stream_main,stream_srv
proxy_downstream_buffer 1 1 0 stream_main,stream_srv
proxy_force_ranges 1 1 0 http_loc,http_main,http_srv
proxy_half_close 1 1 0 stream_main,stream_srv
proxy_headers_hash_bucket_size 1 1 0 http_loc,http_main,http_srv
proxy_headers_hash_max_size 1 1 0 http_loc,http_main,http_srv
proxy_hide_header 1 1 0 http_loc,http_main,http_srv
proxy_host 0 0 0 
proxy_http_version 1 1 0 http_loc,http_main,http_srv
proxy_ignore_client_abort 1 1 0 http_loc,http_main,http_srv
proxy_ignore_headers 1 * 0 http_loc,http_main,http_srv
proxy_intercept_errors 1 1 0 http_loc,http_main,http_srv
proxy_internal_body_length 0 0 0 
proxy_internal_chunked 0 0 0 
proxy_limit_rate 1 1 0 http_loc,http_main,http_srv
proxy_max_temp_file_size 1 1 0 http_loc,http_main,http_srv
proxy_method 1 1 0 http_loc,http_main,http_srv
proxy_next_upstream 1 * 0 http_loc,http_main,http_srv,stream_main,stream_srv
proxy_next_upstream_timeout 1 1 0 http_loc,http_main,http_srv,stream_main,stream_srv
proxy_next_upstream_tries 1 1 0 http_loc,http_main,http_srv,stream_main,stream_srv
proxy_no_cache 1 * 0 http_loc,http_main,http_srv
proxy_pass 1 1 0 http_lif,http_lmt,http_loc,stream_srv
proxy_pass_error_message 1 1 0 mail_main,mail_srv
proxy_pass_header 1 1 0 http_loc,http_main,http_srv
proxy_pass_request_body 1 1 0 http_loc,http_main,http_srv
proxy_pass_request_headers 1 1 0 http_loc,http_main,http_srv
proxy_pass_trailers 1 1 0 http_loc,http_main,http_srv
proxy_port 0 0 0 
proxy_protocol 1 1 0 mail_main,mail_srv,stream_main,stream_srv
proxy_protocol_addr 0 0 0 
proxy_protocol_port 0 0 0 
proxy_protocol_server_addr 0 0 0 
proxy_protocol_server_port 0 0 0 
proxy_protocol_timeout 1 1 0 stream_main,stream_srv
proxy_protocol_tlv_ 0 0 0 
proxy_read_timeout 1 1 0 http_loc,http_main,http_srv
proxy_redirect 1 2 0 http_loc,http_main,http_srv
proxy_request_buffering 1 1 0 http_loc,http_main,http_srv
proxy_requests 1 1 0 stream_main,stream_srv
proxy_responses 1 1 0 stream_main,stream_srv
proxy_send_lowat 1 1 0 http_loc,http_main,http_srv
proxy_send_timeout 1 1 0 http_loc,http_main,http_srv
proxy_set_body 1 1 0 http_loc,http_main,http_srv
proxy_set_header 2 2 0 http_loc,http_main,http_srv
proxy_smtp_auth 1 1 0 mail_main,mail_srv
proxy_socket_keepalive 1 1 0 http_loc,http_main,http_srv,stream_main,stream_srv
proxy_socket_rcvbuf 1 1 0 http_loc,http_main,http_srv,stream_main,stream_srv
proxy_socket_sndbuf 1 1 0 http_loc,http_main,http_srv,stream_main,stream_srv
proxy_ssl 1 1 0 stream_main,stream_srv
proxy_ssl_alpn 1 * 0 stream_main,stream_srv
proxy_ssl_certificate 1 1 0 http_loc,http_main,http_srv,stream_main,stream_srv
proxy_ssl_certificate_cache 1 3 0 http_loc,http_main,http_srv,stream_main,stream_srv
proxy_ssl_certificate_key 1 1 0 http_loc,http_main,http_srv,stream_main,stream_srv
proxy_ssl_ciphers 1 1 0 http_loc,http_main,http_srv,stream_main,stream_srv
proxy_ssl_conf_command 2 2 0 http_loc,http_main,http_srv,stream_main,stream_srv
proxy_ssl_crl 1 1 0 http_loc,http_main,http_srv,stream_main,stream_srv
proxy_ssl_name 1 1 0 http_loc,http_main,http_srv,stream_main,stream_srv
proxy_ssl_password_file 1 1 0 http_loc,http_main,http_srv,stream_main,stream_srv
proxy_ssl_protocols 1 * 0 http_loc,http_main,http_srv,stream_main,stream_srv
proxy_ssl_server_name 1 1 0 http_loc,http_main,http_srv,stream_main,stream_srv
proxy_ssl_session_reuse 1 1 0 http_loc,http_main,http_srv,stream_main,stream_srv
proxy_ssl_trusted_certificate 1 1 0 http_loc,http_main,http_srv,stream_main,stream_srv
proxy_ssl_verify 1 1 0 http_loc,http_main,http_srv,stream_main,stream_srv
proxy_ssl_verify_depth 1 1 0 http_loc,http_main,http_srv,stream_main,stream_srv
proxy_store 1 1 0 http_loc,http_main,http_srv
proxy_store_access 1 3 0 http_loc,http_main,http_srv
proxy_temp_file_write_size 1 1 0 http_loc,http_main,http_srv
proxy_temp_path 1 4 0 http_loc,http_main,http_srv
proxy_timeout 1 1 0 mail_main,mail_srv,stream_main,stream_srv
proxy_upload_rate 1 1 0 stream_main,stream_srv
proxy_upstream_buffer 1 1 0 stream_main,stream_srv
query_string 0 0 0 
quic 0 0 0 
quic_active_connection_id_limit 1 1 0 http_main,http_srv
quic_bpf 1 1 0 direct,main
quic_gso 1 1 0 http_main,http_srv
quic_host_key 1 1 0 http_main,http_srv
quic_retry 1 1 0 http_main,http_srv
random 0 2 0 http_ups,stream_ups
random_index 1 1 0 http_loc
read_ahead 1 1 0 http_loc,http_main,http_srv
real_ip_header 1 1 0 http_loc,http_main,http_srv
real_ip_recursive 1 1 0 http_loc,http_main,http_srv
realip_remote_addr 0 0 0 
realip_remote_port 0 0 0 
realpath_root 0 0 0 
recursive_error_pages 1 1 0 http_loc,http_main,http_srv
referer_hash_bucket_size 1 1 0 http_loc,http_srv
referer_hash_max_size 1 1 0 http_loc,http_srv
remote_addr 0 0 0 
remote_port 0 0 0 
remote_user 0 0 0 
request 0 0 0 
request_body 0 0 0 
request_body_file 0 0 0 
request_completion 0 0 0 
request_filename 0 0 0 
request_id 0 0 0 
request_length 0 0 0 
request_method 0 0 0 
request_pool_size 1 1 0 http_main,http_srv
request_port 0 0 0 
request_time 0 0 0 
request_uri 0 0 0 
reset_timedout_connection 1 1 0 http_loc,http_main,http_srv
resolver 1 * 0 http_loc,http_main,http_srv,http_ups,mail_main,mail_srv,stream_main,stream_srv,stream_ups
resolver_timeout 1 1 0 http_loc,http_main,http_srv,http_ups,mail_main,mail_srv,stream_main,stream_srv,stream_ups
return 1 2 0 http_lif,http_loc,http_sif,http_srv,stream_srv
rewrite 2 3 0 http_lif,http_loc,http_sif,http_srv
rewrite_log 1 1 0 http_lif,http_loc,http_main,http_sif,http_srv
root 1 1 0 http_lif,http_loc,http_main,http_srv
satisfy 1 1 0 http_loc,http_main,http_srv
scgi_bind 1 2 0 http_loc,http_main,http_srv
scgi_buffer_size 1 1 0 http_loc,http_main,http_srv
scgi_buffering 1 1 0 http_loc,http_main,http_srv
scgi_buffers 2 2 0 http_loc,http_main,http_srv
scgi_busy_buffers_size 1 1 0 http_loc,http_main,http_srv
scgi_cache 1 1 0 http_loc,http_main,http_srv
scgi_cache_background_update 1 1 0 http_loc,http_main,http_srv
scgi_cache_bypass 1 * 0 http_loc,http_main,http_srv
scgi_cache_key 1 1 0 http_loc,http_main,http_srv
scgi_cache_lock 1 1 0 http_loc,http_main,http_srv
scgi_cache_lock_age 1 1 0 http_loc,http_main,http_srv
scgi_cache_lock_timeout 1 1 0 http_loc,http_main,http_srv
scgi_cache_max_range_offset 1 1 0 http_loc,http_main,http_srv
scgi_cache_methods 1 * 0 http_loc,http_main,http_srv
scgi_cache_min_uses 1 1 0 http_loc,http_main,http_srv
scgi_cache_path 2 * 0 http_main
scgi_cache_revalidate 1 1 0 http_loc,http_main,http_srv
scgi_cache_use_stale 1 * 0 http_loc,http_main,http_srv
scgi_cache_valid 1 * 0 http_loc,http_main,http_srv
scgi_connect_timeout 1 1 0 http_loc,http_main,http_srv
scgi_force_ranges 1 1 0 http_loc,http_main,http_srv
scgi_hide_header 1 1 0 http_loc,http_main,http_srv
scgi_ignore_client_abort 1 1 0 http_loc,http_main,http_srv
scgi_ignore_headers 1 * 0 http_loc,http_main,http_srv
scgi_intercept_errors 1 1 0 http_loc,http_main,http_srv
scgi_limit_rate 1 1 0 http_loc,http_main,http_srv
scgi_max_temp_file_size 1 1 0 http_loc,http_main,http_srv
scgi_next_upstream 1 * 0 http_loc,http_main,http_srv
scgi_next_upstream_timeout 1 1 0 http_loc,http_main,http_srv
scgi_next_upstream_tries 1 1 0 http_loc,http_main,http_srv
scgi_no_cache 1 * 0 http_loc,http_main,http_srv
scgi_param 2 3 0 http_loc,http_main,http_srv
scgi_pass 1 1 0 http_lif,http_loc
scgi_pass_header 1 1 0 http_loc,http_main,http_srv
scgi_pass_request_body 1 1 0 http_loc,http_main,http_srv
scgi_pass_request_headers 1 1 0 http_loc,http_main,http_srv
scgi_read_timeout 1 1 0 http_loc,http_main,http_srv
scgi_request_buffering 1 1 0 http_loc,http_main,http_srv
scgi_send_timeout 1 1 0 http_loc,http_main,http_srv
scgi_socket_keepalive 1 1 0 http_loc,http_main,http_srv
scgi_socket_rcvbuf 1 1 0 http_loc,http_main,http_srv
scgi_socket_sndbuf 1 1 0 http_loc,http_main,http_srv
scgi_store 1 1 0 http_loc,http_main,http_srv
scgi_store_access 1 3 0 http_loc,http_main,http_srv
scgi_temp_file_write_size 1 1 0 http_loc,http_main,http_srv
scgi_temp_path 1 4 0 http_loc,http_main,http_srv
scheme 0 0 0 
secure_link 1 1 0 http_loc,http_main,http_srv
secure_link_md5 1 1 0 http_loc,http_main,http_srv
secure_link_secret 1 1 0 http_loc,http_main,http_srv
send_lowat 1 1 0 http_loc,http_main,http_srv
send_timeout 1 1 0 http_loc,http_main,http_srv
sendfile 1 1 0 http_lif,http_loc,http_main,http_srv
sendfile_max_chunk 1 1 0 http_loc,http_main,http_srv
sent_http_ 0 0 0 
sent_http_cache_control 0 0 0 
sent_http_connection 0 0 0 
sent_http_content_length 0 0 0 
sent_http_content_type 0 0 0 
sent_http_keep_alive 0 0 0 
sent_http_last_modified 0 0 0 
sent_http_link 0 0 0 
sent_http_location 0 0 0 
sent_http_transfer_encoding 0 0 0 
sent_trailer_ 0 0 0 
server 0 * 1 http_main,http_ups,mail_main,stream_main,stream_ups
server_addr 0 0 0 
server_name 0 * 0 http_srv,mail_main,mail_srv,stream_srv
server_name_in_redirect 1 1 0 http_loc,http_main,http_srv
server_names_hash_bucket_size 1 1 0 http_main,stream_main
server_names_hash_max_size 1 1 0 http_main,stream_main
server_port 0 0 0 
server_protocol 0 0 0 
server_tokens 1 1 0 http_loc,http_main,http_srv
session_time 0 0 0 
set 0 2 0 http_lif,http_loc,http_sif,http_srv,stream_srv
set_real_ip_from 1 1 0 http_loc,http_main,http_srv,mail_main,mail_srv,stream_main,stream_srv
slice 1 1 0 http_loc,http_main,http_srv
smtp_auth 1 * 0 mail_main,mail_srv
smtp_capabilities 1 * 0 mail_main,mail_srv
smtp_client_buffer 1 1 0 mail_main,mail_srv
smtp_greeting_delay 1 1 0 mail_main,mail_srv
source_charset 1 1 0 http_lif,http_loc,http_main,http_srv
split_clients 2 2 1 http_main,stream_main
ssi 1 1 0 http_lif,http_loc,http_main,http_srv
ssi_ignore_recycled_buffers 1 1 0 http_loc,http_main,http_srv
ssi_last_modified 1 1 0 http_loc,http_main,http_srv
ssi_min_file_chunk 1 1 0 http_loc,http_main,http_srv
ssi_silent_errors 1 1 0 http_loc,http_main,http_srv
ssi_types 1 * 0 http_loc,http_main,http_srv
ssi_value_length 1 1 0 http_loc,http_main,http_srv
ssl_alpn 1 * 0 stream_main,stream_srv
ssl_alpn_protocol 0 0 0 
ssl_buffer_size 1 1 0 http_main,http_srv
ssl_certificate 1 1 0 http_main,http_srv,mail_main,mail_srv,stream_main,stream_srv
ssl_certificate_cache 1 3 0 http_main,http_srv,stream_main,stream_srv
ssl_certificate_compression 1 1 0 http_main,http_srv,mail_main,mail_srv,stream_main,stream_srv
ssl_certificate_key 1 1 0 http_main,http_srv,mail_main,mail_srv,stream_main,stream_srv
ssl_cipher 0 0 0 
ssl_ciphers 0 1 0 http_main,http_srv,mail_main,mail_srv,stream_main,stream_srv
ssl_client_cert 0 0 0 
ssl_client_certificate 1 1 0 http_main,http_srv,mail_main,mail_srv,stream_main,stream_srv
ssl_client_escaped_cert 0 0 0 
ssl_client_fingerprint 0 0 0 
ssl_client_i_dn 0 0 0 
ssl_client_i_dn_legacy 0 0 0 
ssl_client_raw_cert 0 0 0 
ssl_client_s_dn 0 0 0 
ssl_client_s_dn_legacy 0 0 0 
ssl_client_serial 0 0 0 
ssl_client_sigalg 0 0 0 
ssl_client_v_end 0 0 0 
ssl_client_v_remain 0 0 0 
ssl_client_v_start 0 0 0 
ssl_client_verify 0 0 0 
ssl_conf_command 2 2 0 http_main,http_srv,mail_main,mail_srv,stream_main,stream_srv
ssl_crl 1 1 0 http_main,http_srv,mail_main,mail_srv,stream_main,stream_srv
ssl_curve 0 0 0 
ssl_curves 0 0 0 
ssl_dhparam 1 1 0 http_main,http_srv,mail_main,mail_srv,stream_main,stream_srv
ssl_early_data 0 1 0 http_main,http_srv
ssl_ecdh_curve 1 1 0 http_main,http_srv,mail_main,mail_srv,stream_main,stream_srv
ssl_ech_file 1 1 0 http_main,http_srv,stream_main,stream_srv
ssl_ech_outer_server_name 0 0 0 
ssl_ech_status 0 0 0 
ssl_engine 1 1 0 direct,main
ssl_handshake_timeout 1 1 0 stream_main,stream_srv
ssl_object_cache_inheritable 1 1 0 direct,main
ssl_ocsp 1 1 0 http_main,http_srv,stream_main,stream_srv
ssl_ocsp_cache 1 1 0 http_main,http_srv,stream_main,stream_srv
ssl_ocsp_responder 1 1 0 http_main,http_srv,stream_main,stream_srv
ssl_password_file 1 1 0 http_main,http_srv,mail_main,mail_srv,stream_main,stream_srv
ssl_prefer_server_ciphers 1 1 0 http_main,http_srv,mail_main,mail_srv,stream_main,stream_srv
ssl_preread 1 1 0 stream_main,stream_srv
ssl_preread_alpn_protocols 0 0 0 
ssl_preread_protocol 0 0 0 
ssl_preread_server_name 0 0 0 
ssl_protocol 0 0 0 
ssl_protocols 1 * 0 http_main,http_srv,mail_main,mail_srv,stream_main,stream_srv
ssl_reject_handshake 1 1 0 http_main,http_srv,stream_main,stream_srv
ssl_server_name 0 0 0 
ssl_session_cache 1 2 0 http_main,http_srv,mail_main,mail_srv,stream_main,stream_srv
ssl_session_id 0 0 0 
ssl_session_reused 0 0 0 
ssl_session_ticket_key 1 1 0 http_main,http_srv,mail_main,mail_srv,stream_main,stream_srv
ssl_session_tickets 1 1 0 http_main,http_srv,mail_main,mail_srv,stream_main,stream_srv
ssl_session_timeout 1 1 0 http_main,http_srv,mail_main,mail_srv,stream_main,stream_srv
ssl_sigalg 0 0 0 
ssl_sigalgs 0 0 0 
ssl_stapling 1 1 0 http_main,http_srv,stream_main,stream_srv
ssl_stapling_file 1 1 0 http_main,http_srv,stream_main,stream_srv
ssl_stapling_responder 1 1 0 http_main,http_srv,stream_main,stream_srv
ssl_stapling_verify 1 1 0 http_main,http_srv,stream_main,stream_srv
ssl_trusted_certificate 1 1 0 http_main,http_srv,mail_main,mail_srv,stream_main,stream_srv
ssl_verify_client 1 1 0 http_main,http_srv,mail_main,mail_srv,stream_main,stream_srv
ssl_verify_depth 1 1 0 http_main,http_srv,mail_main,mail_srv,stream_main,stream_srv
starttls 1 1 0 mail_main,mail_srv
status 0 0 0 
sticky 2 * 0 http_ups
stream 0 0 1 main
stub 0 0 0 
stub_status 0 1 0 http_loc,http_srv
sub 0 0 0 
sub_filter 2 2 0 http_loc,http_main,http_srv
sub_filter_last_modified 1 1 0 http_loc,http_main,http_srv
sub_filter_once 1 1 0 http_loc,http_main,http_srv
sub_filter_types 1 * 0 http_loc,http_main,http_srv
subrequest_output_buffer_size 1 1 0 http_loc,http_main,http_srv
tcp_nodelay 1 1 0 http_loc,http_main,http_srv,stream_main,stream_srv
tcp_nopush 1 1 0 http_loc,http_main,http_srv
tcpinfo_rcv_space 0 0 0 
tcpinfo_rtt 0 0 0 
tcpinfo_rttvar 0 0 0 
tcpinfo_snd_cwnd 0 0 0 
thread_pool 2 3 0 direct,main
time_iso8601 0 0 0 
time_local 0 0 0 
timefmt 0 0 0 
timeout 1 1 0 mail_main,mail_srv
timer_resolution 1 1 0 direct,main
try_files 2 * 0 http_loc,http_srv
tunnel_bind 1 2 0 http_loc,http_main,http_srv
tunnel_buffer_size 1 1 0 http_loc,http_main,http_srv
tunnel_connect_timeout 1 1 0 http_loc,http_main,http_srv
tunnel_next_upstream 1 * 0 http_loc,http_main,http_srv
tunnel_next_upstream_timeout 1 1 0 http_loc,http_main,http_srv
tunnel_next_upstream_tries 1 1 0 http_loc,http_main,http_srv
tunnel_pass 0 1 0 http_lif,http_loc,http_srv
tunnel_read_timeout 1 1 0 http_loc,http_main,http_srv
tunnel_send_lowat 1 1 0 http_loc,http_main,http_srv
tunnel_send_timeout 1 1 0 http_loc,http_main,http_srv
tunnel_socket_keepalive 1 1 0 http_loc,http_main,http_srv
tunnel_socket_rcvbuf 1 1 0 http_loc,http_main,http_srv
tunnel_socket_sndbuf 1 1 0 http_loc,http_main,http_srv
types 0 0 1 http_loc,http_main,http_srv
types_hash_bucket_size 1 1 0 http_loc,http_main,http_srv
types_hash_max_size 1 1 0 http_loc,http_main,http_srv
underscores_in_headers 1 1 0 http_main,http_srv
uninitialized_variable_warn 1 1 0 http_lif,http_loc,http_main,http_sif,http_srv
upstream 1 1 1 http_main,stream_main
upstream_addr 0 0 0 
upstream_bytes_received 0 0 0 
upstream_bytes_sent 0 0 0 
upstream_cache_etag 0 0 0 
upstream_cache_last_modified 0 0 0 
upstream_cache_status 0 0 0 
upstream_connect_time 0 0 0 
upstream_cookie_ 0 0 0 
upstream_first_byte_time 0 0 0 
upstream_header_time 0 0 0 
upstream_http_ 0 0 0 
upstream_response_length 0 0 0 
upstream_response_time 0 0 0 
upstream_session_time 0 0 0 
upstream_status 0 0 0 
upstream_trailer_ 0 0 0 
uri 0 0 0 
use 1 1 0 event
user 1 2 0 direct,main
userid 1 1 0 http_loc,http_main,http_srv
userid_domain 1 1 0 http_loc,http_main,http_srv
userid_expires 1 1 0 http_loc,http_main,http_srv
userid_flags 1 3 0 http_loc,http_main,http_srv
userid_mark 1 1 0 http_loc,http_main,http_srv
userid_name 1 1 0 http_loc,http_main,http_srv
userid_p3p 1 1 0 http_loc,http_main,http_srv
userid_path 1 1 0 http_loc,http_main,http_srv
userid_service 1 1 0 http_loc,http_main,http_srv
uwsgi_bind 1 2 0 http_loc,http_main,http_srv
uwsgi_buffer_size 1 1 0 http_loc,http_main,http_srv
uwsgi_buffering 1 1 0 http_loc,http_main,http_srv
uwsgi_buffers 2 2 0 http_loc,http_main,http_srv
uwsgi_busy_buffers_size 1 1 0 http_loc,http_main,http_srv
uwsgi_cache 1 1 0 http_loc,http_main,http_srv
uwsgi_cache_background_update 1 1 0 http_loc,http_main,http_srv
uwsgi_cache_bypass 1 * 0 http_loc,http_main,http_srv
uwsgi_cache_key 1 1 0 http_loc,http_main,http_srv
uwsgi_cache_lock 1 1 0 http_loc,http_main,http_srv
uwsgi_cache_lock_age 1 1 0 http_loc,http_main,http_srv
uwsgi_cache_lock_timeout 1 1 0 http_loc,http_main,http_srv
uwsgi_cache_max_range_offset 1 1 0 http_loc,http_main,http_srv
uwsgi_cache_methods 1 * 0 http_loc,http_main,http_srv
uwsgi_cache_min_uses 1 1 0 http_loc,http_main,http_srv
uwsgi_cache_path 2 * 0 http_main
uwsgi_cache_revalidate 1 1 0 http_loc,http_main,http_srv
uwsgi_cache_use_stale 1 * 0 http_loc,http_main,http_srv
uwsgi_cache_valid 1 * 0 http_loc,http_main,http_srv
uwsgi_connect_timeout 1 1 0 http_loc,http_main,http_srv
uwsgi_force_ranges 1 1 0 http_loc,http_main,http_srv
uwsgi_hide_header 1 1 0 http_loc,http_main,http_srv
uwsgi_ignore_client_abort 1 1 0 http_loc,http_main,http_srv
uwsgi_ignore_headers 1 * 0 http_loc,http_main,http_srv
uwsgi_intercept_errors 1 1 0 http_loc,http_main,http_srv
uwsgi_limit_rate 1 1 0 http_loc,http_main,http_srv
uwsgi_max_temp_file_size 1 1 0 http_loc,http_main,http_srv
uwsgi_modifier1 1 1 0 http_loc,http_main,http_srv
uwsgi_modifier2 1 1 0 http_loc,http_main,http_srv
uwsgi_next_upstream 1 * 0 http_loc,http_main,http_srv
uwsgi_next_upstream_timeout 1 1 0 http_loc,http_main,http_srv
uwsgi_next_upstream_tries 1 1 0 http_loc,http_main,http_srv
uwsgi_no_cache 1 * 0 http_loc,http_main,http_srv
uwsgi_param 2 3 0 http_loc,http_main,http_srv
uwsgi_pass 1 1 0 http_lif,http_loc
uwsgi_pass_header 1 1 0 http_loc,http_main,http_srv
uwsgi_pass_request_body 1 1 0 http_loc,http_main,http_srv
uwsgi_pass_request_headers 1 1 0 http_loc,http_main,http_srv
uwsgi_read_timeout 1 1 0 http_loc,http_main,http_srv
uwsgi_request_buffering 1 1 0 http_loc,http_main,http_srv
uwsgi_send_timeout 1 1 0 http_loc,http_main,http_srv
uwsgi_socket_keepalive 1 1 0 http_loc,http_main,http_srv
uwsgi_socket_rcvbuf 1 1 0 http_loc,http_main,http_srv
uwsgi_socket_sndbuf 1 1 0 http_loc,http_main,http_srv
uwsgi_ssl_certificate 1 1 0 http_loc,http_main,http_srv
uwsgi_ssl_certificate_cache 1 3 0 http_loc,http_main,http_srv
uwsgi_ssl_certificate_key 1 1 0 http_loc,http_main,http_srv
uwsgi_ssl_ciphers 1 1 0 http_loc,http_main,http_srv
uwsgi_ssl_conf_command 2 2 0 http_loc,http_main,http_srv
uwsgi_ssl_crl 1 1 0 http_loc,http_main,http_srv
uwsgi_ssl_name 1 1 0 http_loc,http_main,http_srv
uwsgi_ssl_password_file 1 1 0 http_loc,http_main,http_srv
uwsgi_ssl_protocols 1 * 0 http_loc,http_main,http_srv
uwsgi_ssl_server_name 1 1 0 http_loc,http_main,http_srv
uwsgi_ssl_session_reuse 1 1 0 http_loc,http_main,http_srv
uwsgi_ssl_trusted_certificate 1 1 0 http_loc,http_main,http_srv
uwsgi_ssl_verify 1 1 0 http_loc,http_main,http_srv
uwsgi_ssl_verify_depth 1 1 0 http_loc,http_main,http_srv
uwsgi_store 1 1 0 http_loc,http_main,http_srv
uwsgi_store_access 1 3 0 http_loc,http_main,http_srv
uwsgi_string 1 1 0 http_loc,http_main,http_srv
uwsgi_temp_file_write_size 1 1 0 http_loc,http_main,http_srv
uwsgi_temp_path 1 4 0 http_loc,http_main,http_srv
valid_referers 1 * 0 http_loc,http_srv
value 0 0 0 
var 0 0 0 
variables_hash_bucket_size 1 1 0 http_main,stream_main
variables_hash_max_size 1 1 0 http_main,stream_main
virtual 0 0 0 
wait 0 0 0 
worker_aio_requests 1 1 0 event
worker_connections 1 1 0 event
worker_cpu_affinity 1 * 0 direct,main
worker_priority 1 1 0 direct,main
worker_processes 1 1 0 direct,main
worker_rlimit_core 1 1 0 direct,main
worker_rlimit_nofile 1 1 0 direct,main
worker_shutdown_timeout 1 1 0 direct,main
working_directory 1 1 0 direct,main
xclient 1 1 0 mail_main,mail_srv
xml_entities 1 1 0 http_loc,http_main,http_srv
xml_external_entities 1 1 0 http_loc,http_main,http_srv
xslt_last_modified 1 1 0 http_loc,http_main,http_srv
xslt_param 2 2 0 http_loc,http_main,http_srv
xslt_string_param 2 2 0 http_loc,http_main,http_srv
xslt_stylesheet 1 * 0 http_loc
xslt_types 1 * 0 http_loc,http_main,http_srv
zone 1 2 0 http_ups,stream_ups
`;

export interface DirectiveSpec {
  readonly minArgs: number;
  /** Infinity when the directive takes any number of arguments. */
  readonly maxArgs: number;
  readonly block: boolean;
  /** nginx context names such as http_main, http_srv, http_loc, http_lif, http_lmt, main, event. */
  readonly contexts: readonly string[];
}

let table: Map<string, DirectiveSpec> | undefined;

function load(): Map<string, DirectiveSpec> {
  const map = new Map<string, DirectiveSpec>();
  for (const line of RAW.split('\n')) {
    if (!line) continue;
    const [name, min, max, block, ctx = ''] = line.split(' ');
    map.set(name, {
      minArgs: Number(min),
      maxArgs: max === '*' ? Infinity : Number(max),
      block: block === '1',
      contexts: ctx ? ctx.split(',') : [],
    });
  }
  return map;
}

/** The spec of a stock nginx directive, or undefined for third-party or unknown names. */
export function directiveSpec(name: string): DirectiveSpec | undefined {
  table ??= load();
  return table.get(name);
}

let names: readonly string[] | undefined;

/** Every stock directive name (the table's variable entries, which have no context, left out). */
export function stockDirectiveNames(): readonly string[] {
  table ??= load();
  names ??= [...table].filter(([, spec]) => spec.contexts.length > 0).map(([name]) => name);
  return names;
}
