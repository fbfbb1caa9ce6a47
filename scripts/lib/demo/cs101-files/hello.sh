#!/bin/sh
# Week 1: run me from a terminal with  ~/cs101/week1/hello.sh
echo "Hello from CS101, $(whoami)! Today is $(date +%A)."
