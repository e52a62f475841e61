// SPDX-License-Identifier: GPL-2.0
/*
 * weftctl promises ovs-ofctl's flow and group text: where ovs-ofctl is
 * installed (Open vSwitch 3.1 on the project's machines), ask it.  Its
 * hidden parse-flow and parse-group commands encode text as OpenFlow 1.3
 * and print what they decode, which is what a dump shows.  Each case here
 * must come out of weft's parser and formatter character for character as
 * ovs-ofctl prints it.  Without ovs-ofctl the checks are skipped, saying so.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "flow_text.h"
#include "group.h"
#include "tap.h"
#include "util.h"

static const char *const flows[] = {
	"tcp6,ipv6_src=2001:db8:3c4d:1:2:3:4:5/64,tp_dst=80,tcp_flags=+syn-ack,actions=output:1",
	"icmp6,icmp_type=135,nd_target=FEC0::1234:F045:8FFF:1111:FE4E:0571,actions=drop",
	"icmp6,icmp_type=135,nd_sll=00:0A:E4:25:6B:B0,actions=drop",
	"icmp6,icmp_type=136,nd_tll=00:0A:E4:25:6B:B1,nd_target=::1,actions=drop",
	"in_port=3,icmp6,ipv6_src=2001:db8:3c4d:1::1,icmp_type=134,actions=drop",
	"arp,arp_op=1,arp_spa=10.0.0.1,arp_sha=00:0A:E4:25:6B:B0,actions=drop",
	"arp,arp_tha=00:00:00:00:00:01/00:00:00:00:00:ff,arp_tpa=10.0.0.0/24,actions=drop",
	"ip,reg0=123,reg1=0/0xff,metadata=0x5/0xff,tun_id=0x1234,tun_src=1.2.3.4,in_port=3,actions=set_field:1.2.3.4->ip_dst",
	"tun_dst=10.0.0.0/8,tunnel_id=0x10/0xf0,actions=drop",
	"ip,nw_frag=later,actions=mod_nw_tos:184,goto_table:2",
	"ipv6,ip_frag=not_later,ipv6_label=5,actions=drop",
	"ip,ip_frag=yes,actions=drop",
	"udp,ip_frag=first,tp_src=53,actions=drop",
	"ipv6,ipv6_label=0x10000/0xf0000,actions=drop",
	"mpls,mpls_label=5,mpls_bos=1,actions=pop_mpls:0x0800,dec_ttl",
	"mplsm,mpls_tc=3,actions=set_mpls_ttl:5,dec_mpls_ttl",
	"in_port=1,actions=mod_vlan_vid:10,controller(max_len=128),write_actions(output:2,set_field:0x5->reg1),write_metadata:0x1/0xff,goto_table:1",
	"dl_vlan=5,actions=mod_vlan_pcp:3,strip_vlan,push_mpls:0x8847,group:3,set_queue:4",
	"tcp,tcp_flags=syn|ack,actions=mod_tp_dst:80,clear_actions",
	"tcp,tcp_flags=0x012/0x0ff,actions=controller",
	"tcp6,tcp_flags=+ns-[200],actions=drop",
	"vlan_tci=0x1000/0x1000,actions=set_field:4106->vlan_vid",
	"ipv6,actions=set_field:fe80::1->ipv6_src,set_field:0x1->ipv6_label",
	"mpls,actions=set_mpls_label:7,set_mpls_tc:2",
	"ip,actions=mod_nw_ttl:5,dec_ttl",
	"ip,actions=mod_nw_tos:184,mod_nw_ecn:2",
	"ipv6,actions=set_field:7->ip_dscp,set_field:3->nw_ecn",
	"udp6,actions=mod_tp_dst:53,mod_tp_src:9",
	"arp,actions=set_field:2->arp_op,set_field:1.1.1.1->arp_spa,set_field:0:0:0:0:0:2->arp_tha",
	"icmp,actions=set_field:3->icmp_type,set_field:1->icmp_code",
	"icmp6,actions=set_field:3->icmpv6_type",
	"actions=set_field:0x5->reg0,set_field:0->metadata,set_field:0x1234->tun_id",
	"actions=set_field:10.0.0.1->tun_src,mod_dl_src:00:11:22:33:44:55",
	"dl_vlan=0xffff,actions=output:CONTROLLER",
	"vlan_tci=0x1005/0x1f0f,actions=controller:77",
	"vlan_tci=0x700a,actions=push_vlan:0x88a8,pop_vlan",
	"dl_vlan_pcp=3,actions=in_port,flood,all,local",
	"priority=7,ipv6,nw_proto=47,nw_tos=8,nw_ecn=1,actions=drop",
	"sctp6,tp_src=9,actions=write_actions(group:1,set_queue:3),goto_table:4",
	/* in_phy_port is absent: ovs-ofctl has no spelling for it. */
	"in_port=4,actions=drop",
	"actions=clear_actions,write_metadata:0x5",
	"rarp,dl_src=00:00:00:00:00:01/ff:ff:ff:00:00:00,actions=drop",
	"ip,ip_frag=no,actions=drop",
	"tcp,tcp_flags=-syn-fin,actions=drop",
	"vlan_tci=0x0000,actions=drop",
	"dl_vlan=0xffff,actions=drop",
	"ipv6,ipv6_dst=::/0,actions=drop",
	"ip,nw_src=0.0.0.0/0,actions=drop",
	"ip,nw_src=10.0.0.1/255.0.255.0,actions=drop",
	"ipv6,ipv6_src=2001:db8::/ffff:ffff::ffff,actions=drop",
	"metadata=0/0,reg3=0x5/0x0,actions=drop",
	"actions=output:in_port",
	"mpls,mpls_label=0xfffff,actions=drop",
	"actions=write_actions(controller:66)",
};

static const char *const groups[] = {
	"group_id=1,type=all,bucket=output:1,bucket=output:2",
	"group_id=2,type=select,bucket=weight:10,actions=output:1,bucket=weight=20,output:2,bucket=output:3",
	"group_id=3,type=select,bucket=weight:1,actions=output:1",
	"group_id=4,type=indirect,bucket=actions=mod_vlan_vid:5,output:1",
	"group_id=5,type=ff,bucket=watch_port:1,actions=output:1,bucket=watch_port:2,watch_group:7,actions=output:2",
	"group_id=7 type=all bucket=output:1 bucket=output:2,set_queue:3",
	"group_id=8,type=all,bucket=actions=drop",
};

/* ovs-ofctl's text for @what after the line's @marker, or NULL. */
static char *ovs(const char *cmd, const char *what, const char *marker)
{
	char shell[1024], line[4096], *got = NULL, *p;
	FILE *fp;

	snprintf(shell, sizeof(shell), "ovs-ofctl -O OpenFlow13 %s '%s' 2>/dev/null",
		 cmd, what);
	fflush(stdout);
	fp = popen(shell, "r");
	if (!fp)
		return NULL;
	while (fgets(line, sizeof(line), fp)) {
		p = strstr(line, marker);
		if (!p || got)
			continue;
		p += strlen(marker);
		p[strcspn(p, "\n")] = '\0';
		got = strdup(p);
	}
	pclose(fp);
	return got;
}

static bool have_ovs_ofctl(void)
{
	return system("ovs-ofctl --version >/dev/null 2>&1") == 0;
}

void weft_test_ovs_compat(void)
{
	struct weft_flow *f = malloc(sizeof(*f));
	struct weft_group *g = malloc(sizeof(*g));
	char err[512], match[2048], acts[4096], mine[8192];
	size_t i;

	if (!have_ovs_ofctl()) {
		/* TAP: a skipped check still counts as one. */
		weft_tap_ok(true, "ovs-ofctl spelling # SKIP ovs-ofctl not installed");
		goto out;
	}
	for (i = 0; i < ARRAY_SIZE(flows); i++) {
		char *theirs = ovs("parse-flow", flows[i], "): ADD ");

		if (weft_flow_from_str(f, flows[i], WEFT_FLOW_OP_ADD, false, NULL,
				       NULL, err, sizeof(err))) {
			weft_tap_ok(false, "ovs-ofctl spelling of \"%s\": %s",
				    flows[i], err);
			free(theirs);
			continue;
		}
		weft_flow_format_match(f, match, sizeof(match));
		weft_flow_format_actions(f, acts, sizeof(acts));
		snprintf(mine, sizeof(mine), "%s%sactions=%s", match,
			 match[0] ? " " : "", acts);
		weft_tap_str(mine, theirs, "as ovs-ofctl: \"%s\"", flows[i]);
		free(theirs);
	}
	for (i = 0; i < ARRAY_SIZE(groups); i++) {
		char *theirs = ovs("parse-group", groups[i], " ADD ");

		if (weft_group_from_str(g, groups[i], WEFT_GROUP_OP_ADD, NULL,
					NULL, err, sizeof(err))) {
			weft_tap_ok(false, "ovs-ofctl spelling of group \"%s\": %s",
				    groups[i], err);
			free(theirs);
			continue;
		}
		weft_group_format(g, mine, sizeof(mine));
		weft_tap_str(mine, theirs, "as ovs-ofctl: group \"%s\"", groups[i]);
		free(theirs);
	}
out:
	free(f);
	free(g);
}
